# Mediator side (བར་འདུམ་པ།) and the reporter's own cases, in Tibetan (Standard written Tibetan).
# Terms follow locales/GLOSSARY.md; the Chinese file is the source. Mediator-facing texts use the
# terms of the reference methods (接单、转派、上报、回避、首接负责), with the Chinese name in
# parentheses in a few result texts; button labels stay short and plain.

## Case card in the office group (one message per case, edited in place)

case-card =
    { $icon } <b>ཁྲིམས་དོན་ { $number }</b> · { $risk }
    རིགས: { $type }
    ལས་ཀ་བྱེད་སའི་གྲོང་ཁྱེར: { $city }　ཕ་ཡུལ་གྱི་རྫོང: { $county }
    དོན་གཙོ་བ: { $reporter } ({ $phone })　ཕྱོགས་གཞན: { $other } ({ $role })
    སྐད་ཡིག: { $language }　འབྲེལ་ཡོད་མི་གྲངས: { $people }
    ཐོ་འགོད་དུས་ཚོད: { $filed }
    གནད་བསྡུས: { $summary }
    འགན་འཁུར་ས: { $office } ({ $reason })
    བརྡ་ཐོ་བཏང་ས: { $informed }
    གནས་སྟངས: { $status }
risk-name-blue = སྔོན་པོའི་སྔོན་བརྡ།
risk-name-yellow = སེར་པོའི་སྔོན་བརྡ།
risk-name-red = དམར་པོའི་སྔོན་བརྡ།
route-reason-host-city = ཕྱི་ཞིང་དུ་སྡོད་པའི་ལས་དོན་སྒྲུབ་ཁང་གིས་འགན་འཁུར།
route-reason-family-at-home = གཉེན་སྒྲིག་དང་ཁྱིམ་ཚང་གི་རྩོད་གཞི་ཡིན་པས། ཕ་ཡུལ་གྱི་གནས་གཅིག་ཞབས་ཞུའི་རྩོད་གཞི་བར་འདུམ་ལྟེ་གནས་ (矛调中心) ནས་འགན་འཁུར།
route-reason-family-no-centre = ཕ་ཡུལ་དུ་གནས་གཅིག་ཞབས་ཞུའི་རྩོད་གཞི་བར་འདུམ་ལྟེ་གནས་ (矛调中心) མེད་པས། ཕྱི་ཞིང་དུ་སྡོད་པའི་ལས་དོན་སྒྲུབ་ཁང་གིས་འགན་འཁུར།
route-reason-labour-committee = ལས་ཀའི་རྩོད་གཞི་བར་འདུམ་ཨུ་ཡོན་ལྷན་ཁང་གིས་འགན་འཁུར།
route-reason-consumer-team = ཚོང་ར་ལྟ་ཞིབ་དོ་དམ་ལས་ཁུངས་ཀྱི་ཉོ་སྤྱོད་ཁེ་དབང་སྲུང་སྐྱོབ་ཚན་པས་འགན་འཁུར།
route-reason-no-match = འབྲེལ་ཡོད་ལས་ཁུངས་མེད་པས། མཐུན་སྒྲིག་ལྟེ་གནས་ནས་འགན་འཁུར།
route-reason-transferred = སྤོ་སྐྱེལ།
route-reason-escalated = གོང་དུ་སྙན་ཞུ།
route-reason-none = བགོ་འགྲེམས་བྱས་མེད།
case-status-submitted = ལེན་མཁན་སྒུག་བཞིན།
case-status-claimed = ལེན་ཟིན། · འགན་འཁུར་བ་ { $owner } ({ $since }){ $contacted ->
        [yes] · དོན་གཙོ་བར་འབྲེལ་བ་བྱས་ཟིན།
       *[no] {""}
    }{ $terms ->
        [0] {""}
       *[other] · གྲོས་མཐུན་དོན་ཚན་ { $terms }
    }
case-status-resolved = བར་འདུམ་ལེགས་འགྲུབ།
case-status-failed = བར་འདུམ་མ་འགྲུབ། · { $referral }
case-status-closed = ཁྲིམས་དོན་མཇུག་སྒྲིལ་ཟིན།
case-status-moved = སྤོས་ཟིན: { $office }
referral-court = ཁྲིམས་ཁང་གི་བར་འདུམ་མཐུད་སྦྲེལ། · ཁྲིམས་ཐོག་ངོས་འཛིན།
referral-arbitration = ལས་ཀ་དང་མི་སྤྱོད་ཀྱི་རྩོད་གཞི་བར་བཅད།
referral-legal-aid = ཁྲིམས་ཀྱི་རོགས་རམ། (12348)
referral-none = གཞན་དུ་མི་སྐྱེལ།

## Card buttons

case-action-claim = ཁྲིམས་དོན་ལེན།
case-action-details = ཞིབ་ཕྲ།
case-action-transfer = སྤོ་སྐྱེལ།
case-action-escalate = གོང་དུ་སྙན་ཞུ།
case-action-recuse = ཟུར་འཛེམས།
case-action-contacted = དོན་གཙོ་བར་འབྲེལ་བ་བྱས་ཟིན།
case-action-note = མཆན།
case-action-session = ཐུག་འཕྲད།
case-action-agreement = གྲོས་མཐུན།
case-action-resolve = བར་འདུམ་ལེགས་འགྲུབ།
case-action-fail = བར་འདུམ་མ་འགྲུབ།
case-action-release = ཕྱིར་གློད།
case-action-grade = སྔོན་བརྡ་བསྒྱུར།
case-action-reply = དོན་གཙོ་བར་ལན་འདེབས།

## Answers to button presses (toasts) and results

case-button-invalid = གནོན་མཐེབ་འདི་ངོས་འཛིན་ཐུབ་མེད། བཟོ་བཅོས་གང་ཡང་བྱས་མེད།
case-refused-other-office = བྱང་བུ་འདི་ཚོགས་ཁག་འདིར་བརྡ་ཐོ་ཙམ་ཡིན། ཁྲིམས་དོན་འདི་ལས་ཁུངས་གཞན་ཞིག་གིས་འགན་འཁུར་བ་ཡིན།
case-refused-status = ཁྲིམས་དོན་གྱི་ད་ལྟའི་གནས་སྟངས་འོག་འདི་ལྟར་བྱེད་མི་ཆོག བཟོ་བཅོས་གང་ཡང་བྱས་མེད།
case-refused-not-member = ལས་ཁུངས་འདིའི་ཚོགས་ཁག་གི་བར་འདུམ་པ་ཁོ་ནས་ཁྲིམས་དོན་འདི་སྒྲིག་གཅོད་བྱེད་ཆོག
case-refused-party = ཁྱེད་རང་ཁྲིམས་དོན་འདིའི་དོན་གཙོ་བ་ཡིན་པས་འགན་འཁུར་མི་ཆོག (ཟུར་འཛེམས་ (回避) གནང་རོགས།)
case-refused-recused = ཁྱེད་རང་གིས་ཁྲིམས་དོན་འདིར་ཟུར་འཛེམས་ (回避) གསལ་བསྒྲགས་བྱས་ཟིན་པས་ལེན་མི་ཆོག
case-refused-owner-only = འགན་འཁུར་བ་ ({ $owner }) ཁོ་ནས་འདི་ལྟར་བྱེད་ཆོག (ཐོག་མར་ལེན་མཁན་འགན་འཁུར་ལམ་ལུགས། 首接负责制)
case-claim-yours = ཁྱེད་རང་སྔོན་ནས་ཁྲིམས་དོན་འདིའི་འགན་འཁུར་བ་ཡིན།
case-claimed-by = ཁྲིམས་དོན་འདི་ { $owner } ནས་ལེན་ཟིན།
case-details-sent = ཞིབ་ཕྲ་སྒེར་འཕྲིན་བརྒྱུད་ཁྱེད་རང་ལ་བསྐུར་ཟིན། གལ་ཏེ་འབྱོར་མེད་ན། སྔོན་ལ་འཕྲུལ་མི་དང་སྒེར་གླེང་ཁ་ཕྱེ་ནས་ /start བསྐུར་རོགས།
case-prompt-private = འཕྲུལ་མི་དང་སྒེར་གླེང་ནང་མུ་མཐུད་གནང་རོགས། གལ་ཏེ་བརྡ་འཕྲིན་འབྱོར་མེད་ན། སྔོན་ལ་འཕྲུལ་མི་དང་སྒེར་གླེང་ཁ་ཕྱེ་ནས་ /start བསྐུར་རོགས།
case-no-offices = ད་དུང་ལས་ཁུངས་གང་ཡང་ནང་འདྲེན་བྱས་མེད། དོ་དམ་པས་ offices sync འཁོར་སྐྱོད་གནང་རོགས།
case-escalate-top = རིམ་པ་མཐོ་ཤོས་ཡིན་ཟིན་པས། ད་དུང་གོང་དུ་སྙན་ཞུ་བྱེད་ཐབས་མེད།
case-move-no-group = དམིགས་ཡུལ་ལས་ཁུངས་ལ་ད་དུང་ཚོགས་ཁག་འབྲེལ་སྦྱར་བྱས་མེད་པས། སྤོ་སྐྱེལ་བྱེད་ཐབས་མེད།
case-done-claim = ཁྲིམས་དོན་ { $number } ལེན་ཟིན། (接单) དོན་གཙོ་བར་མྱུར་དུ་འབྲེལ་བ་གནང་རོགས།
case-done-details = ཞིབ་ཕྲ་བསྐུར་ཟིན: { $number }
case-done-transfer = ཁྲིམས་དོན་ { $number } དེ་ { $office } ལ་སྤོ་སྐྱེལ་བྱས་ཟིན། (转派)
case-done-escalate = ཁྲིམས་དོན་ { $number } དེ་ { $office } ལ་གོང་དུ་སྙན་ཞུ་བྱས་ཟིན། (上报)
case-done-recuse = ཟུར་འཛེམས་ (回避) ཐོ་འགོད་བྱས་ཟིན: { $number }
case-done-contacted = ཟིན་ཐོར་བཀོད་ཟིན: ཁྲིམས་དོན་ { $number } གི་དོན་གཙོ་བར་འབྲེལ་བ་བྱས་ཟིན།
case-done-note = མཆན་ཉར་ཟིན: { $number }
case-done-session = ཐུག་འཕྲད་གཏན་འཁེལ་བྱས་ཤིང་དོན་གཙོ་བར་བརྡ་ཐོ་བཏང་ཟིན: { $number }
case-done-agreement = བར་འདུམ་གྲོས་མཐུན་ཟིན་ཐོར་བཀོད་ཟིན: { $number }
case-done-resolve = ཁྲིམས་དོན་ { $number } ལ་བར་འདུམ་ལེགས་འགྲུབ་ཀྱི་རྟགས་བཀོད་ཟིན་ཅིང་། དོན་གཙོ་བར་བརྡ་ཐོ་བཏང་ཟིན།
case-done-fail = ཁྲིམས་དོན་ { $number } ལ་བར་འདུམ་མ་འགྲུབ་པའི་རྟགས་བཀོད་ཟིན་ཅིང་། དོན་གཙོ་བར་གཞན་དུ་སྐྱེལ་བའི་ལམ་ཁ་བསྟན་ཟིན།
case-done-release = ཁྲིམས་དོན་ { $number } ཕྱིར་གློད་ཟིན་པས། ཡང་བསྐྱར་ལེན་མཁན་སྒུག་བཞིན་ཡོད།
case-done-grade = ཁྲིམས་དོན་ { $number } གི་སྔོན་བརྡའི་རིམ་པ་བསྒྱུར་ཟིན།
case-done-reply = ལན་བཏབ་ཟིན: { $number }
case-unrouted-admin = ⚠️ ཁྲིམས་དོན་ { $number } ལ་འགན་འཁུར་ཐུབ་པའི་ལས་ཁུངས་ཀྱི་ཚོགས་ཁག་མེད། ལག་ཐོག་ནས་བགོ་འགྲེམས་གནང་རོགས། (offices sync འཁོར་སྐྱོད་བྱས་ནས་ /bind བཀོལ་ཏེ་ཚོགས་ཁག་འབྲེལ་སྦྱར་གནང་རོགས།)

## Full record, sent privately to the owner

case-details =
    <b>ཁྲིམས་དོན་ { $number } གི་ཞིབ་ཕྲ།</b> (འགན་འཁུར་བ་ཁོ་ནས་ལྟ་ཆོག གཞན་ལ་མ་སྤེལ།)
    རིགས: { $type }
    ལས་ཀ་བྱེད་སའི་གྲོང་ཁྱེར: { $city }　ཕ་ཡུལ་གྱི་རྫོང: { $county }
    དོན་གཙོ་བ: { $reporter }། ཁ་པར: { $phone }
    ཕྱོགས་གཞན: { $other } ({ $role })། ཁ་པར: { $other-phone }
    སྐད་ཡིག: { $language }　འབྲེལ་ཡོད་མི་གྲངས: { $people }　དངུལ་གྲངས: { $amount }
    ཐོ་འགོད་དུས་ཚོད: { $filed }
    བྱུང་རིམ: { $story }
    རེ་བའི་མཇུག་འབྲས: { $outcome }
    ཟུར་སྦྱར་ { $attachments } · གྲོས་མཐུན་དོན་ཚན་ { $terms } · མཆན་ { $notes }

## Prompts in the mediator's private chat

prompt-office = ཁྲིམས་དོན་ { $number }: “{ $action }” བྱ་རྒྱུའི་ལས་ཁུངས་འདེམས་རོགས།
prompt-reason = ཁྲིམས་དོན་ { $number }: “{ $action }” བྱེད་པའི་རྒྱུ་མཚན་ནང་འཇུག་གནང་རོགས།
prompt-note = ཁྲིམས་དོན་ { $number }: མཆན་བསྐུར་རོགས། (ཡི་གེའམ་སྐད་འཕྲིན།)
prompt-when = ཁྲིམས་དོན་ { $number }: ཐུག་འཕྲད་ཀྱི་དུས་ཚོད་ནང་འཇུག་གནང་རོགས། དཔེར་ན། 2026-12-03 15:00 ཡང་ན་ 12月3日15:00 ལྟ་བུ།
prompt-place = ཁྲིམས་དོན་ { $number }: ཐུག་འཕྲད་ཀྱི་ས་གནས་ནང་འཇུག་གནང་རོགས།
prompt-terms =
    ཁྲིམས་དོན་ { $number }: གྲོས་མཐུན་གྱི་ནང་དོན་ཕྲེང་རེར་དོན་ཚན་རེ་ནང་འཇུག་གནང་རོགས།
    <code>དོན་གཙོ་བ | བྱ་རྒྱུའི་དོན་དག | མཇུག་མཐའི་ཚེས་གྲངས | དངུལ་གྲངས (མི་འབྲི་ཡང་ཆོག)</code>
    དཔེར་ན། <code>ཝང་བདག་པོ | གླ་ཕོགས་མ་སྤྲད་པ་སྤྲོད་པ | 2026-12-15 | 8000</code>
    ནང་འཇུག་ཚར་རྗེས་ “བཤད་ཚར” ལ་མནན་རོགས།
prompt-referral = ཁྲིམས་དོན་ { $number }: བར་འདུམ་མ་འགྲུབ་པས། གཞན་དུ་སྐྱེལ་བའི་ལམ་ཁ་འདེམས་རོགས།
prompt-level = ཁྲིམས་དོན་ { $number }: སྔོན་བརྡའི་རིམ་པ་གསར་པ་འདེམས་རོགས།
prompt-cancelled = མེད་པར་བཟོས་ཟིན། བཟོ་བཅོས་གང་ཡང་བྱས་མེད།
prompt-stale = ཁྲིམས་དོན་ལ་འགྱུར་བ་བྱུང་ཟིན་པས་བྱ་སྤྱོད་ཐེངས་འདི་ནུས་མེད་དུ་གྱུར། ཁྲིམས་དོན་བྱང་བུ་གསར་ཤོས་ཐོག་བསྐྱར་དུ་བྱེད་རོགས།
prompt-refused = བསྒྲུབ་ཐབས་མེད: { $reason }
prompt-use-buttons = གོང་གི་གནོན་མཐེབ་ལ་མནན་ནས་འདེམས་རོགས།
prompt-need-text = ཡི་གེས་ལན་འདེབས་གནང་རོགས། (མཆན་ནི་སྐད་འཕྲིན་དུ་བསྐུར་ཡང་ཆོག)
prompt-when-invalid = དུས་ཚོད་འདིའི་དོན་གོ་མ་སོང་། 2026-12-03 15:00 ལྟར་ནང་འཇུག་གནང་རོགས། (ལོ་གཅིག་གི་ནང་།)
prompt-terms-empty = ད་དུང་གྲོས་མཐུན་གྱི་ནང་དོན་གང་ཡང་ནང་འཇུག་བྱས་མེད།
agreement-term-format = ཕྲེང་འདིའི་རྣམ་གཞག་མི་འགྲིག: { $line } “དོན་གཙོ་བ | བྱ་རྒྱུའི་དོན་དག | མཇུག་མཐའི་ཚེས་གྲངས | དངུལ་གྲངས” ལྟར་བྲིས་རོགས།
agreement-term-date = ཕྲེང་འདིའི་མཇུག་མཐའི་ཚེས་གྲངས་གོ་མ་སོང་ངམ། ལོ་གཅིག་གི་ནང་དུ་མིན: { $line }
agreement-term-amount = ཕྲེང་འདིའི་དངུལ་གྲངས་གོ་མ་སོང་: { $line }

## Group binding and mediator commands

group-not-bound = ཚོགས་ཁག་འདི་ད་དུང་བར་འདུམ་ལས་ཁུངས་ཞིག་དང་འབྲེལ་སྦྱར་བྱས་མེད། དོ་དམ་པས་ “/bind ལས་ཁུངས་ཨང་རྟགས” བསྐུར་ནས་འབྲེལ་སྦྱར་གནང་རོགས། འབྲེལ་སྦྱར་མ་བྱས་གོང་འཕྲུལ་མིས་ཚོགས་ཁག་འདིའི་ནང་ཁྲིམས་དོན་སྒྲིག་གཅོད་མི་བྱེད།
group-bind-admin-only = དོ་དམ་པ་ཁོ་ནས་ཚོགས་ཁག་འབྲེལ་སྦྱར་བྱེད་པ་དང་འབྲེལ་སྦྱར་གློད་ཆོག
group-bind-in-group = འབྲེལ་སྦྱར་བྱ་རྒྱུའི་ཚོགས་ཁག་ནང་བཀའ་བརྡ་འདི་བསྐུར་རོགས།
group-bind-unknown = ལས་ཁུངས་ཨང་རྟགས་འདི་མེད། བཀོལ་ཆོག་པའི་ཨང་རྟགས: { $codes }
group-bound = ✅ ཚོགས་ཁག་འདི་འབྲེལ་སྦྱར་ཟིན: { $office } ({ $code })། { $forum ->
        [true] ཁྲིམས་དོན་རེ་རེར་གླེང་གཞི་ལོགས་སུ་ཞིག་འབྱེད་རྒྱུ་ཡིན།
       *[other] ཁྲིམས་དོན་བྱང་བུ་ཚོགས་ཁག་འདིའི་ནང་ཐད་ཀར་བསྐུར་རྒྱུ་ཡིན།
    }
group-unbound = ཚོགས་ཁག་འདི་དང་ { $office } གི་འབྲེལ་སྦྱར་གློད་ཟིན།
group-rebound-away = ཚོགས་ཁག་འདི་ད་ནས་བཟུང་ { $office } གི་ལས་ཀའི་ཚོགས་ཁག་མིན། (ཚོགས་ཁག་གཞན་ཞིག་འབྲེལ་སྦྱར་བྱས་ཟིན།)
mediator-languages-usage = /languages དང་སྐད་ཡིག་གི་ཨང་རྟགས་བཀོལ་ནས་ཁྱེད་རང་གིས་བཀོལ་ཐུབ་པའི་སྐད་ཡིག་གསལ་བསྒྲགས་གནང་རོགས། དཔེར་ན། /languages zh bo (zh རྒྱ་ཡིག / bo བོད་ཡིག / ug ཡུ་གུར་ཡིག) ད་ལྟ: { $current }
mediator-languages-set = ཁྱེད་རང་གིས་བཀོལ་ཐུབ་པའི་སྐད་ཡིག་ཟིན་ཐོར་བཀོད་ཟིན: { $languages }
usage-reply = བཀོལ་སྟངས: /reply ཁྲིམས་དོན་ཨང་རྟགས་ ལན་གྱི་ནང་དོན། (ཚོགས་ཁག་ནང་བརྒྱུད་སྐྱེལ་བྱས་པའི་དོན་གཙོ་བའི་བརྡ་འཕྲིན་ལ་ཐད་ཀར་ལན་འདེབས་ཀྱང་ཆོག)
usage-history = བཀོལ་སྟངས: /history ཁྲིམས་དོན་ཨང་རྟགས།
case-history-refused = འགན་འཁུར་བ་དང་མཐུན་སྒྲིག་པ་ཁོ་ནས་ཁྲིམས་དོན་གྱི་སྒྲུབ་རིམ་ཟིན་ཐོར་ལྟ་ཆོག
case-history-title = <b>ཁྲིམས་དོན་ { $number } གི་སྒྲུབ་རིམ་ཟིན་ཐོ།</b>
case-history-line = { $at } · { $event } · { $actor }
case-reply-relayed = དོན་གཙོ་བར་བསྐྱལ་ཟིན: { $number }
case-relay-text = 📩 ཁྲིམས་དོན་ { $number } དོན་གཙོ་བས་ཁ་སྣོན་བྱས་པ: { $text }
case-relay-media = 📎 ཁྲིམས་དོན་ { $number } དོན་གཙོ་བས་ཁ་སྣོན་བྱས་པའི་ཡིག་ཆ་ { $text }
event-submitted = འབུལ་བ།
event-routed = བགོ་འགྲེམས།
event-claim = ཁྲིམས་དོན་ལེན་པ།
event-details-viewed = ཞིབ་ཕྲར་བལྟས།
event-transfer = སྤོ་སྐྱེལ།
event-escalate = གོང་དུ་སྙན་ཞུ།
event-recuse = ཟུར་འཛེམས།
event-contacted = དོན་གཙོ་བར་འབྲེལ་བ་བྱས།
event-note = མཆན།
event-session = ཐུག་འཕྲད།
event-agreement = གྲོས་མཐུན།
event-resolve = བར་འདུམ་ལེགས་འགྲུབ།
event-fail = བར་འདུམ་མ་འགྲུབ།
event-release = ཕྱིར་གློད།
event-grade = སྔོན་བརྡ་བསྒྱུར།
event-reply-sent = དོན་གཙོ་བར་ལན་བཏབ།
event-reporter-message = དོན་གཙོ་བས་ཁ་སྣོན་བྱས།
event-history-viewed = སྒྲུབ་རིམ་ཟིན་ཐོར་བལྟས།
event-reporter-unreachable = དོན་གཙོ་བར་འབྲེལ་བ་བྱེད་ཐབས་མེད། (འཕྲུལ་མི་བཀག་ཟིན།)
event-reporter-reachable = དོན་གཙོ་བར་ཡང་བསྐྱར་འབྲེལ་བ་བྱེད་ཐུབ།

## Reporter side: notices, /mycases, /case, adding to a case

reporter-case-claimed = ཁྱེད་རང་གི་ཁྲིམས་དོན་ { $number } བར་འདུམ་པ་ཞིག་གིས་ལེན་ཟིན། བར་འདུམ་པས་མྱུར་དུ་ཁྱེད་རང་ལ་འབྲེལ་བ་བྱེད་རྒྱུ་ཡིན།
reporter-session-scheduled = ཁྲིམས་དོན་ { $number }: བར་འདུམ་པས་ཁྱེད་རང་དང་ཐུག་འཕྲད་བྱེད་རྒྱུ་ཡིན། དུས་ཚོད: { $when } ས་གནས: { $place }
reporter-case-resolved = ཁྲིམས་དོན་ { $number } བར་འདུམ་བརྒྱུད་ཐག་ཆོད་ཟིན། རྗེས་སུ་ང་ཚོས་བསྐྱར་འཚམས་བྱས་ནས་གྲོས་མཐུན་ལག་ལེན་བསྟར་ཡོད་མེད་ཤེས་རྟོགས་བྱེད་རྒྱུ་ཡིན།
reporter-case-failed = ཁྲིམས་དོན་ { $number } ཐེངས་འདིར་བར་འདུམ་མ་འགྲུབ། { $referral }
reporter-referral-court = ཁྱེད་རང་ཁྲིམས་ཁང་དུ་ཕྱིན་ནས་ཁྲིམས་གཏུག་གི་སྔོན་གྱི་བར་འདུམ་མམ་ཁྲིམས་ཐོག་ངོས་འཛིན་ཞུ་ཆོག བར་འདུམ་པས་མཐུད་སྦྲེལ་ལ་རོགས་རམ་བྱེད་ཐུབ།
reporter-referral-arbitration = ཁྱེད་རང་ས་གནས་དེའི་ལས་ཀ་དང་མི་སྤྱོད་ཀྱི་རྩོད་གཞི་བར་བཅད་ཨུ་ཡོན་ལྷན་ཁང་ལ་བར་བཅད་ཞུ་ཆོག
reporter-referral-legal-aid = ཁྱེད་རང་གིས་ 12348 ལ་ཁ་པར་བཏང་ནས་ཁྲིམས་ཀྱི་རོགས་རམ་ཞུ་ཆོག
reporter-referral-none = དགོས་མཁོ་ཡོད་ན། དུས་ནམ་ཡིན་རུང་ /new བསྐུར་ནས་བསྐྱར་དུ་ཐོ་འགོད་བྱེད་ཆོག
reporter-mediator-says = 💬 ཁྲིམས་དོན་ { $number } བར་འདུམ་པའི་ལན: { $text }
reporter-status-submitted = བར་འདུམ་པས་ལེན་རྒྱུ་སྒུག་བཞིན་ཡོད།
reporter-status-claimed = བར་འདུམ་པས་སྒྲིག་གཅོད་བྱེད་བཞིན་ཡོད།
reporter-status-resolved = བར་འདུམ་བརྒྱུད་ཐག་ཆོད་ཟིན།
reporter-status-failed = བར་འདུམ་མ་འགྲུབ། གཞན་དུ་སྐྱེལ་ཟིན།
reporter-status-closed = ཁྲིམས་དོན་མཇུག་སྒྲིལ་ཟིན།
mycases-empty = ཁྱེད་རང་གིས་ད་དུང་རྩོད་གཞི་ཐོ་འགོད་བྱས་མེད། /new བསྐུར་ནས་རྩོད་གཞི་གསར་པ་ཐོ་འགོད་གནང་རོགས།
mycases-title = ཁྱེད་རང་གི་ཁྲིམས་དོན། (ཁྱོན་ { $count })
mycases-line = <b>{ $number }</b> · { $type } · { $status } · { $filed }
case-not-found = ཁྲིམས་དོན་འདི་རྙེད་མ་སོང་། /mycases བསྐུར་ནས་ཁྱེད་རང་གི་ཁྲིམས་དོན་ཨང་རྟགས་ལ་གཟིགས་རོགས།
button-add-to-case = ➕ ཡིག་ཆ་དང་བརྡ་འཕྲིན་ཁ་སྣོན།
relay-started = ཁྲིམས་དོན་ { $number } ལ་ཁ་སྣོན་བྱ་རྒྱུའི་ཡི་གེ་དང་སྐད་འཕྲིན། པར། ཡིག་ཆ་བཅས་བསྐུར་རོགས། བསྐུར་ཚར་རྗེས་ “བཤད་ཚར” ལ་མནན་རོགས།
relay-sent = བར་འདུམ་པར་བསྐྱལ་ཟིན། (ཁྲིམས་དོན་ { $number })
relay-ended = ལགས་སོ། ཁ་སྣོན་བྱས་ཚར།
relay-hint = ཡི་གེ་དང་སྐད་འཕྲིན། པར། ཡིག་ཆ་བཅས་བསྐུར་རོགས། བསྐུར་ཚར་རྗེས་ “བཤད་ཚར” ལ་མནན་རོགས།
relay-case-closed = ཁྲིམས་དོན་འདི་མཇུག་སྒྲིལ་ཟིན་པས་ཁ་སྣོན་བྱེད་མི་ཐུབ། དགོས་ན་ /new བསྐུར་ནས་རྩོད་གཞི་གསར་པ་ཐོ་འགོད་གནང་རོགས།
command-mycases = ངའི་ཁྲིམས་དོན།
