# Mediator side (مۇرەسسەچى) and the reporter's own cases, in Uyghur (Arabic script, UEY).
# Terms follow locales/GLOSSARY.md; the Chinese file is the source. Mediator-facing texts use the
# terms of the reference methods (接单、转派、上报、回避、首接负责), with the Chinese name in
# parentheses in a few result texts; button labels stay short and plain.
# No bidi control characters here: bot/i18n.py isolates Latin and number runs itself.

## Case card in the office group (one message per case, edited in place)

case-card =
    { $icon } <b>دېلو { $number }</b> · { $risk }
    تۈرى: { $type }
    ئىشلەۋاتقان شەھەر: { $city }   يۇرت ناھىيىسى: { $county }
    ئىش ئىگىسى: { $reporter } ({ $phone })   قارشى تەرەپ: { $other } ({ $role })
    تىل: { $language }   چېتىلغان ئادەم سانى: { $people }
    تىزىملانغان ۋاقىت: { $filed }
    قىسقىچە مەزمۇن: { $summary }
    بېجىرگۈچى: { $office } ({ $reason })
    ئۇقتۇرۇلغانلار: { $informed }
    ھالىتى: { $status }
risk-name-blue = كۆك ئاگاھلاندۇرۇش
risk-name-yellow = سېرىق ئاگاھلاندۇرۇش
risk-name-red = قىزىل ئاگاھلاندۇرۇش
route-reason-host-city = سىرتتا تۇرۇشلۇق ئىش بېجىرىش ئورنى بېجىرىدۇ
route-reason-family-at-home = نىكاھ-ئائىلە ماجىراسى، يۇرتتىكى بىر توختاملىق ماجىرا مۇرەسسە مەركىزى (矛调中心) بېجىرىدۇ
route-reason-family-no-centre = يۇرتتا بىر توختاملىق ماجىرا مۇرەسسە مەركىزى (矛调中心) يوق، سىرتتا تۇرۇشلۇق ئىش بېجىرىش ئورنى بېجىرىدۇ
route-reason-labour-committee = ئەمگەك ماجىراسى مۇرەسسە كومىتېتى بېجىرىدۇ
route-reason-consumer-team = بازار نازارىتى ئىستېمالچىلار ھوقۇقىنى قوغداش ئورنى بېجىرىدۇ
route-reason-no-match = ماس كېلىدىغان ئورۇن يوق، ماسلاشتۇرۇش مەركىزى بېجىرىدۇ
route-reason-transferred = يۆتكەپ بېرىلدى
route-reason-escalated = يۇقىرىغا مەلۇم قىلىندى
route-reason-none = تەقسىم قىلىنمىدى
case-status-submitted = قوبۇل قىلىنىشنى كۈتۈۋاتىدۇ
case-status-claimed = قوبۇل قىلىندى · مەسئۇل مۇرەسسەچى { $owner } ({ $since }){ $contacted ->
        [yes] · ئىش ئىگىسى بىلەن ئالاقىلاشتى
       *[no] {""}
    }{ $terms ->
        [0] {""}
       *[other] · كېلىشىم { $terms } ماددا
    }
case-status-resolved = مۇرەسسە مۇۋەپپەقىيەتلىك بولدى
case-status-failed = مۇرەسسە مەغلۇپ بولدى · { $referral }
case-status-closed = دېلو ئاخىرلاشتى
case-status-moved = يۆتكەلدى: { $office }
referral-court = سوت-مۇرەسسە ئۇلىنىشى · ئەدلىيە جەزملەشتۈرۈشى
referral-arbitration = ئەمگەك-خادىملار ماجىراسى ئارىتراجى
referral-legal-aid = قانۇن ياردىمى (12348)
referral-none = باشقا ئورۇنغا تونۇشتۇرۇلمايدۇ

## Card buttons

case-action-claim = قوبۇل قىلىش
case-action-details = تەپسىلات
case-action-transfer = يۆتكەپ بېرىش
case-action-escalate = يۇقىرىغا مەلۇم قىلىش
case-action-recuse = ئۆزىنى قاچۇرۇش
case-action-contacted = ئىش ئىگىسى بىلەن ئالاقىلاشتىم
case-action-note = ئىزاھات
case-action-session = ئۇچرىشىش
case-action-agreement = كېلىشىم
case-action-resolve = مۇرەسسە مۇۋەپپەقىيەتلىك
case-action-fail = مۇرەسسە مەغلۇپ
case-action-release = قويۇپ بېرىش
case-action-grade = ئاگاھلاندۇرۇشنى تەڭشەش
case-action-reply = ئىش ئىگىسىگە جاۋاب

## Answers to button presses (toasts) and results

case-button-invalid = بۇ كۇنۇپكا تونۇلمىدى، ھېچنېمە ئۆزگەرتىلمىدى.
case-refused-other-office = بۇ كارتا بۇ گۇرۇپپىغا پەقەت ئۇقتۇرۇش ئۈچۈن، دېلونى باشقا ئورۇن بېجىرىدۇ.
case-refused-status = دېلونىڭ نۆۋەتتىكى ھالىتىدە بۇنداق قىلغىلى بولمايدۇ، ھېچنېمە ئۆزگەرتىلمىدى.
case-refused-not-member = پەقەت مۇشۇ ئورۇن گۇرۇپپىسىدىكى مۇرەسسەچىلەرلا بۇ دېلونى بىر تەرەپ قىلالايدۇ.
case-refused-party = سىز بۇ دېلونىڭ ئىش ئىگىسى، ئۇنى بېجىرەلمەيسىز (ئۆزىڭىزنى قاچۇرۇڭ، 回避).
case-refused-recused = سىز بۇ دېلودا ئۆزىڭىزنى قاچۇرىدىغانلىقىڭىزنى (回避) بىلدۈرگەن، ئۇنى قوبۇل قىلالمايسىز.
case-refused-owner-only = بۇنى پەقەت مەسئۇل مۇرەسسەچى قىلالايدۇ: { $owner } (بىرىنچى قوبۇل قىلغۇچى مەسئۇل بولۇش تۈزۈمى، 首接负责制).
case-claim-yours = سىز ئاللىقاچان بۇ دېلونىڭ مەسئۇل مۇرەسسەچىسى.
case-claimed-by = بۇ دېلونى { $owner } قوبۇل قىلىپ بولغان.
case-details-sent = تەپسىلاتى سىزگە شەخسىي ئۇچۇر قىلىپ ئەۋەتىلدى. تاپشۇرۇۋالمىغان بولسىڭىز، ئالدى بىلەن روبوت بىلەن شەخسىي سۆھبەت ئېچىپ /start نى ئەۋەتىڭ.
case-prompt-private = روبوت بىلەن بولغان شەخسىي سۆھبەتتە داۋاملاشتۇرۇڭ. ئۇچۇر كەلمىگەن بولسا، ئالدى بىلەن روبوت بىلەن شەخسىي سۆھبەت ئېچىپ /start نى ئەۋەتىڭ.
case-no-offices = تېخى ھېچقانداق ئورۇن كىرگۈزۈلمىگەن، باشقۇرغۇچى offices sync نى ئىجرا قىلسۇن.
case-escalate-top = ئەڭ يۇقىرى دەرىجىگە يەتتى، ئۇنىڭدىن يۇقىرىغا مەلۇم قىلغىلى بولمايدۇ.
case-move-no-group = نىشان ئورۇن تېخى گۇرۇپپا باغلىمىغان، يۆتكەپ بەرگىلى بولمايدۇ.
case-done-claim = قوبۇل قىلىندى (接单): { $number }. ئىش ئىگىسى بىلەن تېزدىن ئالاقىلىشىڭ.
case-done-details = تەپسىلاتى ئەۋەتىلدى: { $number }
case-done-transfer = دېلو { $number } يۆتكەپ بېرىلدى (转派): { $office }
case-done-escalate = دېلو { $number } يۇقىرىغا مەلۇم قىلىندى (上报): { $office }
case-done-recuse = ئۆزىنى قاچۇرۇش (回避) خاتىرىلەندى: { $number }
case-done-contacted = خاتىرىلەندى: دېلو { $number } نىڭ ئىش ئىگىسى بىلەن ئالاقىلىشىلدى.
case-done-note = ئىزاھات ساقلاندى: { $number }
case-done-session = ئۇچرىشىش ئورۇنلاشتۇرۇلدى، ئىش ئىگىسىگە ئۇقتۇرۇلدى: { $number }
case-done-agreement = مۇرەسسە كېلىشىمى خاتىرىلەندى: { $number }
case-done-resolve = دېلو { $number } مۇرەسسە مۇۋەپپەقىيەتلىك دەپ بەلگىلەندى، ئىش ئىگىسىگە ئۇقتۇرۇلدى.
case-done-fail = دېلو { $number } مۇرەسسە مەغلۇپ دەپ بەلگىلەندى، ئىش ئىگىسىگە باشقا ئورۇنغا تونۇشتۇرۇش يولى ئېيتىلدى.
case-done-release = دېلو { $number } قويۇپ بېرىلدى، قايتىدىن قوبۇل قىلىنىشنى كۈتىدۇ.
case-done-grade = دېلو { $number } نىڭ ئاگاھلاندۇرۇش دەرىجىسى تەڭشەلدى.
case-done-reply = جاۋاب بېرىلدى: { $number }
case-unrouted-admin = ⚠️ دېلو { $number } نى بېجىرىدىغان ئورۇن گۇرۇپپىسى يوق، قولدا تەقسىم قىلىڭ (offices sync نى ئىجرا قىلىپ، /bind ئارقىلىق گۇرۇپپا باغلاڭ).

## Full record, sent privately to the owner

case-details =
    <b>دېلو { $number } نىڭ تەپسىلاتى</b> (پەقەت مەسئۇل مۇرەسسەچى كۆرىدۇ، باشقىلارغا يۆتكەپ ئەۋەتمەڭ)
    تۈرى: { $type }
    ئىشلەۋاتقان شەھەر: { $city }   يۇرت ناھىيىسى: { $county }
    ئىش ئىگىسى: { $reporter }، تېلېفونى: { $phone }
    قارشى تەرەپ: { $other } ({ $role })، تېلېفونى: { $other-phone }
    تىل: { $language }   چېتىلغان ئادەم سانى: { $people }   سومما: { $amount }
    تىزىملانغان ۋاقىت: { $filed }
    جەريان: { $story }
    تەلىپى: { $outcome }
    قوشۇمچە ھۆججەت { $attachments } · كېلىشىم { $terms } ماددا · ئىزاھات { $notes }

## Prompts in the mediator's private chat

prompt-office = دېلو { $number }: «{ $action }» ئۈچۈن ئورۇن تاللاڭ.
prompt-reason = دېلو { $number }: «{ $action }» نىڭ سەۋەبىنى كىرگۈزۈڭ.
prompt-note = دېلو { $number }: ئىزاھات ئەۋەتىڭ (يېزىق ياكى ئاۋازلىق ئۇچۇر).
prompt-when = دېلو { $number }: ئۇچرىشىش ۋاقتىنى كىرگۈزۈڭ، مەسىلەن: 2026-12-03 15:00 ياكى 12月3日15:00.
prompt-place = دېلو { $number }: ئۇچرىشىش ئورنىنى كىرگۈزۈڭ.
prompt-terms =
    دېلو { $number }: كېلىشىم مەزمۇنىنى ھەر قۇرغا بىر ماددىدىن كىرگۈزۈڭ:
    <code>ئىش ئىگىسى | ئورۇندايدىغان ئىش | ئاخىرقى مۆھلەت | سومما (ئىختىيارىي)</code>
    مەسىلەن: <code>ۋاڭ خوجايىن | بېرىلمىگەن ئىش ھەققىنى بېرىش | 2026-12-15 | 8000</code>
    كىرگۈزۈپ بولغاندىن كېيىن «سۆزلەپ بولدۇم» نى بېسىڭ.
prompt-referral = دېلو { $number }: مۇرەسسە مۇۋەپپەقىيەتلىك بولمىدى، تونۇشتۇرىدىغان يولنى تاللاڭ.
prompt-level = دېلو { $number }: يېڭى ئاگاھلاندۇرۇش دەرىجىسىنى تاللاڭ.
prompt-cancelled = بىكار قىلىندى، ھېچنېمە ئۆزگەرتىلمىدى.
prompt-stale = دېلودا ئۆزگىرىش بولدى، بۇ قېتىملىق مەشغۇلات ئىناۋەتسىز قىلىندى. ئەڭ يېڭى دېلو كارتىسىدا قايتا مەشغۇلات قىلىڭ.
prompt-refused = تاماملىغىلى بولمىدى: { $reason }
prompt-use-buttons = يۇقىرىدىكى كۇنۇپكىلارنى بېسىپ تاللاڭ.
prompt-need-text = يېزىق بىلەن جاۋاب بېرىڭ (ئىزاھاتنى ئاۋازلىق ئۇچۇر قىلىپ ئەۋەتسىڭىزمۇ بولىدۇ).
prompt-when-invalid = بۇ ۋاقىتنى چۈشىنەلمىدىم، 2026-12-03 15:00 شەكلىدە كىرگۈزۈڭ (بىر يىل ئىچىدە).
prompt-terms-empty = تېخى ھېچقانداق كېلىشىم مەزمۇنى كىرگۈزۈلمىدى.
agreement-term-format = بۇ قۇرنىڭ شەكلى توغرا ئەمەس: { $line }. «ئىش ئىگىسى | ئورۇندايدىغان ئىش | ئاخىرقى مۆھلەت | سومما» شەكلىدە يېزىڭ.
agreement-term-date = بۇ قۇردىكى ئاخىرقى مۆھلەت چۈشىنىكسىز ياكى بىر يىل ئىچىدە ئەمەس: { $line }
agreement-term-amount = بۇ قۇردىكى سومما چۈشىنىكسىز: { $line }

## Group binding and mediator commands

group-not-bound = بۇ گۇرۇپپا تېخى مۇرەسسە ئورنىغا باغلانمىغان. باشقۇرغۇچى «/bind ئورۇن كودى» بۇيرۇقىنى ئەۋەتىپ باغلىسۇن؛ باغلانمىغۇچە روبوت بۇ گۇرۇپپىدا دېلو بىر تەرەپ قىلمايدۇ.
group-bind-admin-only = پەقەت باشقۇرغۇچىلارلا گۇرۇپپىنى باغلىيالايدۇ ياكى باغلىنىشنى بىكار قىلالايدۇ.
group-bind-in-group = بۇ بۇيرۇقنى باغلىماقچى بولغان گۇرۇپپىدا ئەۋەتىڭ.
group-bind-unknown = بۇنداق ئورۇن كودى يوق. ئىشلەتكىلى بولىدىغان كودلار: { $codes }
group-bound = ✅ بۇ گۇرۇپپا باغلاندى: { $office } ({ $code }). { $forum ->
        [true] ھەر بىر دېلو ئۈچۈن ئايرىم بىر تېما ئېچىلىدۇ.
       *[other] دېلو كارتىلىرى بىۋاسىتە بۇ گۇرۇپپىغا ئەۋەتىلىدۇ.
    }
group-unbound = بۇ گۇرۇپپىنىڭ { $office } بىلەن باغلىنىشى بىكار قىلىندى.
group-rebound-away = بۇ گۇرۇپپا ئەمدى { $office } نىڭ خىزمەت گۇرۇپپىسى ئەمەس (باشقا گۇرۇپپا باغلاندى).
mediator-languages-usage = /languages ۋە تىل كودى ئارقىلىق ئىشلىتەلەيدىغان تىللىرىڭىزنى بىلدۈرۈڭ، مەسىلەن: /languages zh bo (zh خەنزۇچە، bo تىبەتچە، ug ئۇيغۇرچە). ھازىر: { $current }
mediator-languages-set = ئىشلىتەلەيدىغان تىللىرىڭىز خاتىرىلەندى: { $languages }
usage-reply = ئىشلىتىش ئۇسۇلى: /reply دېلو نومۇرى جاۋاب مەزمۇنى (گۇرۇپپىغا يۆتكەپ كېلىنگەن ئىش ئىگىسىنىڭ ئۇچۇرىغا بىۋاسىتە جاۋاب قايتۇرسىڭىزمۇ بولىدۇ).
usage-history = ئىشلىتىش ئۇسۇلى: /history دېلو نومۇرى
case-history-refused = پەقەت مەسئۇل مۇرەسسەچى ۋە ماسلاشتۇرغۇچىلارلا دېلو خاتىرىسىنى كۆرەلەيدۇ.
case-history-title = <b>دېلو { $number } نىڭ بېجىرىلىش خاتىرىسى</b>
case-history-line = { $at } · { $event } · { $actor }
case-reply-relayed = ئىش ئىگىسىگە يەتكۈزۈلدى: { $number }
case-relay-text = 📩 دېلو { $number }، ئىش ئىگىسىنىڭ تولۇقلىمىسى: { $text }
case-relay-media = 📎 دېلو { $number }، ئىش ئىگىسى تولۇقلىغان ماتېرىيال { $text }
event-submitted = تاپشۇرۇلدى
event-routed = تەقسىم قىلىندى
event-claim = قوبۇل قىلىندى
event-details-viewed = تەپسىلاتى كۆرۈلدى
event-transfer = يۆتكەپ بېرىلدى
event-escalate = يۇقىرىغا مەلۇم قىلىندى
event-recuse = ئۆزىنى قاچۇردى
event-contacted = ئىش ئىگىسى بىلەن ئالاقىلاشتى
event-note = ئىزاھات
event-session = ئۇچرىشىش
event-agreement = كېلىشىم
event-resolve = مۇرەسسە مۇۋەپپەقىيەتلىك بولدى
event-fail = مۇرەسسە مەغلۇپ بولدى
event-release = قويۇپ بېرىلدى
event-grade = ئاگاھلاندۇرۇش تەڭشەلدى
event-reply-sent = ئىش ئىگىسىگە جاۋاب بېرىلدى
event-reporter-message = ئىش ئىگىسى تولۇقلىدى
event-history-viewed = خاتىرە كۆرۈلدى
event-reporter-unreachable = ئىش ئىگىسى بىلەن ئالاقىلاشقىلى بولمايدۇ (روبوتنى توسۇۋەتكەن)
event-reporter-reachable = ئىش ئىگىسى بىلەن قايتا ئالاقىلاشقىلى بولىدۇ

## Reporter side: notices, /mycases, /case, adding to a case

reporter-case-claimed = { $number } نومۇرلۇق دېلوڭىزنى بىر مۇرەسسەچى قوبۇل قىلدى، مۇرەسسەچى سىز بىلەن تېزدىن ئالاقىلىشىدۇ.
reporter-session-scheduled = دېلو { $number }: مۇرەسسەچى سىز بىلەن كۆرۈشمەكچى. ۋاقتى: { $when }، ئورنى: { $place }.
reporter-case-resolved = دېلو { $number } مۇرەسسە ئارقىلىق ھەل قىلىندى. كېيىن بىز قايتا زىيارەت قىلىپ، كېلىشىمنىڭ ئورۇندىلىشىنى سوراپ بىلىمىز.
reporter-case-failed = دېلو { $number } بۇ قېتىم مۇرەسسە ئارقىلىق ھەل قىلىنمىدى. { $referral }
reporter-referral-court = سوتقا بېرىپ، دەۋادىن بۇرۇنقى مۇرەسسە ياكى ئەدلىيە جەزملەشتۈرۈشىنى ئىلتىماس قىلسىڭىز بولىدۇ، مۇرەسسەچى بۇنىڭغا ياردەملىشەلەيدۇ.
reporter-referral-arbitration = يەرلىكتىكى ئەمگەك-خادىملار ماجىراسى ئارىتراج كومىتېتىغا ئارىتراج ئىلتىماس قىلسىڭىز بولىدۇ.
reporter-referral-legal-aid = 12348 گە تېلېفون قىلىپ قانۇن ياردىمى ئىلتىماس قىلسىڭىز بولىدۇ.
reporter-referral-none = لازىم بولسا، خالىغان ۋاقىتتا /new نى ئەۋەتىپ قايتىدىن تىزىملىتىڭ.
reporter-mediator-says = 💬 دېلو { $number }، مۇرەسسەچىنىڭ جاۋابى: { $text }
reporter-status-submitted = مۇرەسسەچىنىڭ قوبۇل قىلىشىنى كۈتۈۋاتىدۇ
reporter-status-claimed = مۇرەسسەچى بىر تەرەپ قىلىۋاتىدۇ
reporter-status-resolved = مۇرەسسە ئارقىلىق ھەل قىلىندى
reporter-status-failed = ھەل قىلىنمىدى، باشقا ئورۇنغا تونۇشتۇرۇلدى
reporter-status-closed = دېلو ئاخىرلاشتى
mycases-empty = سىز تېخى ماجىرا تىزىملىتىپ باقمىدىڭىز. يېڭى ماجىرا تىزىملىتىش ئۈچۈن /new نى ئەۋەتىڭ.
mycases-title = دېلولىرىڭىز (جەمئىي { $count }):
mycases-line = <b>{ $number }</b> · { $type } · { $status } · { $filed }
case-not-found = بۇ دېلو تېپىلمىدى. دېلو نومۇرلىرىڭىزنى كۆرۈش ئۈچۈن /mycases نى ئەۋەتىڭ.
button-add-to-case = ➕ ماتېرىيال ياكى ئۇچۇر قوشۇش
relay-started = { $number } نومۇرلۇق دېلوغا قوشماقچى بولغان يېزىق، ئاۋازلىق ئۇچۇر، رەسىم ياكى ھۆججەتنى ئەۋەتىڭ. ئەۋەتىپ بولغاندىن كېيىن «سۆزلەپ بولدۇم» نى بېسىڭ.
relay-sent = مۇرەسسەچىگە يەتكۈزۈلدى (دېلو { $number }).
relay-ended = بولىدۇ، قوشۇش ئاخىرلاشتى.
relay-hint = يېزىق، ئاۋازلىق ئۇچۇر، رەسىم ياكى ھۆججەت ئەۋەتىڭ، ئەۋەتىپ بولغاندىن كېيىن «سۆزلەپ بولدۇم» نى بېسىڭ.
relay-case-closed = بۇ دېلو ئاخىرلاشتى، ئەمدى ھېچنېمە قوشقىلى بولمايدۇ. لازىم بولسا /new نى ئەۋەتىپ يېڭى ماجىرا تىزىملىتىڭ.
command-mycases = دېلولىرىم

## Deadlines, tasks and follow-ups

case-card-deadline-claim = ⏰ قوبۇل قىلىش مۆھلىتى: { $at }{ $escalations ->
        [0] {""}
       *[other] (ۋاقتى ئۆتۈپ { $escalations } قېتىم يۇقىرىغا مەلۇم قىلىندى)
    }
case-card-deadline-resolve = ⏰ بېجىرىپ تاماملاش مۆھلىتى: { $at }{ $escalations ->
        [0] {""}
       *[other] (ۋاقتى ئۆتۈپ { $escalations } قېتىم نازارەت قىلىپ بېجىرىشكە قويۇلدى)
    }
case-card-task-revisit = 📌 ۋەزىپە: ئۆيگە بېرىپ قايتا زىيارەت قىلىش، مۆھلىتى: { $due }
case-card-task-phone = 📌 ۋەزىپە: تېلېفوندا قايتا زىيارەت قىلىش، مۆھلىتى: { $due }
case-card-task-supervision = 📌 نازارەت قىلىپ بېجىرىلىۋاتىدۇ، مۆھلىتى: { $due }
case-action-visited = ئۆيگە بېرىپ قايتا زىيارەت قىلدىم
case-action-called = تېلېفوندا قايتا زىيارەت قىلدىم
case-done-visited = ئۆيگە بېرىپ قايتا زىيارەت قىلىنغانلىقى خاتىرىلەندى، دېلو { $number } ئاخىرلاشتى.
case-done-called = تېلېفوندا قايتا زىيارەت قىلىنغانلىقى خاتىرىلەندى، دېلو { $number } ئاخىرلاشتى.
case-supervision-notice = 📣 نازارەت قىلىپ بېجىرىش ئۇقتۇرۇشى: دېلو { $number } نى { $office } نازارەت قىلىپ بېجىرىشى كېرەك. ئىنكاس قايتۇرۇش مۆھلىتى: { $due }.
reminder-claim = ⏰ ئەسكەرتىش خېتى: دېلو { $number } تېخى قوبۇل قىلىنمىدى، قوبۇل قىلىش مۆھلىتى: { $deadline }. مۆھلەت ئۆتسە، بىر دەرىجە يۇقىرىغا مەلۇم قىلىنىدۇ.
reminder-resolve = ⏰ ئەسكەرتىش خېتى: دېلو { $number } نىڭ بېجىرىپ تاماملاش مۆھلىتى: { $deadline }. مۇرەسسەنى تېزلىتىڭ.
deadline-claim-escalated = ⚠️ دېلو { $number } نىڭ قوبۇل قىلىش مۆھلىتى ئۆتۈپ كەتسىمۇ ھېچكىم قوبۇل قىلمىدى، يۇقىرىغا مەلۇم قىلىندى: { $office }
deadline-admins = ⚠️ دېلو { $number } نىڭ مۆھلىتى ئۆتۈپ كەتتى، ئۇنى يۇقىرىغا مەلۇم قىلغىلى بولىدىغان يۇقىرى دەرىجىلىك ئورۇن گۇرۇپپىسىمۇ يوق. ماسلاشتۇرغۇچى بىر تەرەپ قىلسۇن.
task-phone-owner = 📞 تېلېفوندا قايتا زىيارەت قىلىش ۋەزىپىسى: دېلو { $number } نىڭ ئىش ئىگىسى قايتا زىيارەت ئۇچۇرىغا جاۋاب قايتۇرمىدى. ئۇنىڭغا تېلېفون قىلىڭ ({ $phone })، مۆھلىتى: { $due }. تاماملىغاندىن كېيىن دېلو كارتىسىدىكى «تېلېفوندا قايتا زىيارەت قىلدىم» نى بېسىڭ.
task-revisit-owner = 🏠 ئۆيگە بېرىپ قايتا زىيارەت قىلىش ۋەزىپىسى: دېلو { $number } نىڭ ئىش ئىگىسى كېلىشىمنىڭ ئورۇندالمىغانلىقىنى ياكى رازى ئەمەسلىكىنى ئىنكاس قىلدى. ئۆيگە بېرىپ قايتا زىيارەت قىلىڭ، تاماملىغاندىن كېيىن دېلو كارتىسىدىكى «ئۆيگە بېرىپ قايتا زىيارەت قىلدىم» نى بېسىڭ.
calendar-estimate-admins = ⚠️ { $year }-يىلىنىڭ قانۇنلۇق بايرام ۋە دەم ئېلىش ئورۇنلاشتۇرۇشى تېخى كىرگۈزۈلمىدى، خىزمەت كۈنلىرى ھازىرچە مۆلچەر بويىچە ھېسابلىنىۋاتىدۇ. دۆلەت ئىشلىرى كېڭىشى (国务院) ئېلان قىلغاندىن كېيىن، /holiday ياكى HOLIDAYS_FILE ئارقىلىق كىرگۈزۈڭ.
holiday-admin-only = پەقەت باشقۇرغۇچىلارلا خىزمەت كالېندارىنى ئۆزگەرتەلەيدۇ.
holiday-usage = ئىشلىتىش ئۇسۇلى: /holiday add چېسلا [رايون] [workday|holiday] ياكى /holiday remove چېسلا [رايون]. مەسىلەن: /holiday add 2027-02-06 xizang holiday
holiday-added = خاتىرىلەندى: { $day } ({ $region }) — { $kind }.
holiday-removed = { $day } ({ $region }) نىڭ تەڭشىلىشى ئۆچۈرۈلدى.
holiday-not-found = { $day } ({ $region }) نىڭ تەڭشىلىش خاتىرىسى يوق.
followup-ask-carried = ياخشىمۇسىز! دېلو { $number } ئىلگىرى مۇرەسسە ئارقىلىق ھەل قىلىنغان. كېلىشىم ئورۇندالدىمۇ؟
followup-checkin = دېلو { $number }: كېلىشىم بويىچە { $party } مۇنۇ ئىشنى قىلىشى كېرەك: { $action }. ئاخىرقى ۋاقتى: { $due }. بۇ ئىش قىلىندىمۇ؟
followup-carried-yes = ئورۇندالدى
followup-carried-partly = بىر قىسمى ئورۇندالدى
followup-carried-no = ئورۇندالمىدى
followup-carried-notyet = تېخى ۋاقتى كەلمىدى
followup-ask-score = بۇ قېتىمقى مۇرەسسەدىن رازى بولدىڭىزمۇ؟ بىر نومۇر تاللاڭ (1 ئەڭ نارازى، 5 ئەڭ رازى).
followup-score-1 = 1
followup-score-2 = 2
followup-score-3 = 3
followup-score-4 = 4
followup-score-5 = 5
followup-ask-comment = يەنە دېمەكچى بولغان گېپىڭىز بارمۇ؟ يېزىق ياكى ئاۋازلىق ئۇچۇر ئەۋەتسىڭىز بولىدۇ؛ بولمىسا «ئاتلاپ ئۆتۈش» نى بېسىڭ.
followup-thanks = جاۋابىڭىزغا رەھمەت! كېيىن يەنە مەسىلە بولسا، خالىغان ۋاقىتتا /new نى ئەۋەتىڭ.
event-followup-ping = قايتا زىيارەت ئۇچۇرى
event-followup-carried = ئىش ئىگىسى ئورۇندىلىش ئەھۋالىغا جاۋاب بەردى
event-followup-score = ئىش ئىگىسى نومۇر بەردى
event-followup-comment = ئىش ئىگىسىنىڭ تولۇقلىما پىكرى
event-task-phone = تېلېفوندا قايتا زىيارەت قىلىش ۋەزىپىسى
event-task-revisit = ئۆيگە بېرىپ قايتا زىيارەت قىلىش ۋەزىپىسى
event-supervision = نازارەت قىلىپ بېجىرىش
event-supervision-overdue = نازارەت قىلىپ بېجىرىش مۆھلىتى ئۆتتى
event-reminder-claim = قوبۇل قىلىش ئەسكەرتىش خېتى
event-reminder-resolve = بېجىرىپ تاماملاش ئەسكەرتىش خېتى
event-deadline-escalated = مۆھلىتى ئۆتۈپ يۇقىرىغا مەلۇم قىلىندى
event-closed = دېلو ئاخىرلاشتى
event-visited = ئۆيگە بېرىپ قايتا زىيارەت قىلىندى
event-called = تېلېفوندا قايتا زىيارەت قىلىندى

## Mediator's own phone (conflict of interest check)

mediator-phone-usage = ئىشلىتىش ئۇسۇلى: روبوت بىلەن بولغان شەخسىي سۆھبەتتە /myphone ۋە يانفون نومۇرىڭىزنى ئەۋەتىڭ، مەسىلەن: /myphone 13800138000. تىزىملاتقاندىن كېيىن، ئۆزىڭىز ئىش ئىگىسى بولغان دېلونى بېجىرەلمەيسىز.
mediator-phone-private = شەخسىي مەخپىيەتلىكنى قوغداش ئۈچۈن، /myphone نى روبوت بىلەن بولغان شەخسىي سۆھبەتتە ئەۋەتىڭ.
mediator-phone-set = يانفون نومۇرىڭىز { $phone } تىزىملاندى. بۇ نومۇرغا چېتىشلىق دېلولارنى قوبۇل قىلالمايسىز (ئۆزىنى قاچۇرۇش، 回避).
