# Mediator side and the reporter's own cases (English, for maintainers; zh is the source).

## Case card in the office group (one message per case, edited in place)

case-card =
    { $icon } <b>Case { $number }</b> · { $risk }
    Type: { $type }
    Host city: { $city }   Home county: { $county }
    Reporter: { $reporter } ({ $phone })   Other party: { $other } ({ $role })
    Language: { $language }   People affected: { $people }
    Filed: { $filed }
    Summary: { $summary }
    Handled by: { $office } ({ $reason })
    Informed: { $informed }
    Status: { $status }
risk-name-blue = blue alert
risk-name-yellow = yellow alert
risk-name-red = red alert
route-reason-host-city = host-city office handles
route-reason-family-at-home = family dispute, handled by the home-county centre
route-reason-family-no-centre = no home-county centre, handled by the host-city office
route-reason-labour-committee = labour dispute mediation committee
route-reason-consumer-team = market supervision consumer team
route-reason-no-match = no matching office, coordination centre handles
route-reason-transferred = transferred
route-reason-escalated = escalated
route-reason-none = not routed
case-status-submitted = waiting to be claimed
case-status-claimed = claimed · owner { $owner } ({ $since }){ $contacted ->
        [yes] · parties contacted
       *[no] {""}
    }{ $terms ->
        [0] {""}
       *[other] · agreement: { $terms } terms
    }
case-status-resolved = resolved by mediation
case-status-failed = mediation failed · { $referral }
case-status-closed = closed
case-status-moved = moved to { $office }
referral-court = court pre-litigation mediation / judicial confirmation
referral-arbitration = labour dispute arbitration
referral-legal-aid = legal aid (12348)
referral-none = no referral

## Card buttons

case-action-claim = Claim
case-action-details = Details
case-action-transfer = Transfer
case-action-escalate = Escalate
case-action-recuse = Recuse
case-action-contacted = Parties contacted
case-action-note = Note
case-action-session = Session
case-action-agreement = Agreement
case-action-resolve = Resolved
case-action-fail = Failed
case-action-release = Release
case-action-grade = Change alert
case-action-reply = Reply to reporter

## Answers to button presses (toasts) and results

case-button-invalid = This button is not recognised; nothing was changed.
case-refused-other-office = This card only informs this group; another office handles the case.
case-refused-status = The case is not at a stage where this can be done; nothing was changed.
case-refused-not-member = Only mediators of this office's group can act on this case.
case-refused-party = You are a party to this case and cannot handle it (please recuse).
case-refused-recused = You declared a conflict of interest on this case and cannot claim it.
case-refused-owner-only = Only the mediator who owns the case ({ $owner }) can do this.
case-claim-yours = You already own this case.
case-claimed-by = This case was claimed by { $owner }.
case-details-sent = Details sent to you privately. If nothing arrived, open a private chat with the bot and send /start.
case-prompt-private = Please continue in your private chat with the bot. If nothing arrived, open it and send /start.
case-no-offices = No offices have been loaded; an administrator must run offices sync.
case-escalate-top = Already at the top level; it cannot be escalated further.
case-move-no-group = The target office has no bound group yet.
case-done-claim = Claimed: { $number }. Please contact the parties soon.
case-done-details = Details sent: { $number }
case-done-transfer = { $number } transferred to { $office }.
case-done-escalate = { $number } escalated to { $office }.
case-done-recuse = Conflict of interest recorded: { $number }
case-done-contacted = Recorded: parties of { $number } contacted.
case-done-note = Note saved: { $number }
case-done-session = Session scheduled and the reporter told: { $number }
case-done-agreement = Agreement recorded: { $number }
case-done-resolve = { $number } marked resolved; the reporter was told.
case-done-fail = { $number } marked failed; the reporter was told where to turn.
case-done-release = { $number } released; it waits to be claimed again.
case-done-grade = The alert level of { $number } was changed.
case-done-reply = Replied: { $number }
case-unrouted-admin = ⚠️ Case { $number } has no office group to handle it: route it by hand (run offices sync and /bind a group).

## Full record, sent privately to the owner

case-details =
    <b>Case { $number }: details</b> (for the owner only; do not forward)
    Type: { $type }
    Host city: { $city }   Home county: { $county }
    Reporter: { $reporter }, phone { $phone }
    Other party: { $other } ({ $role }), phone { $other-phone }
    Language: { $language }   People: { $people }   Amount: { $amount }
    Filed: { $filed }
    What happened: { $story }
    Wanted outcome: { $outcome }
    { $attachments } attachments · { $terms } agreement terms · { $notes } notes

## Prompts in the mediator's private chat

prompt-office = Case { $number }: choose the office for: { $action }.
prompt-reason = Case { $number }: type the reason for: { $action }.
prompt-note = Case { $number }: send the note (text or voice).
prompt-when = Case { $number }: type the session time, e.g. 2026-12-03 15:00.
prompt-place = Case { $number }: type the session place.
prompt-terms =
    Case { $number }: type the agreement, one term per line:
    <code>party | what they do | due date | amount (optional)</code>
    e.g. <code>Boss Wang | pay the owed wages | 2026-12-15 | 8000</code>
    Press "Done" when finished.
prompt-referral = Case { $number }: mediation failed; choose where to refer it.
prompt-level = Case { $number }: choose the new alert level.
prompt-cancelled = Cancelled; nothing was changed.
prompt-stale = The case changed meanwhile, so this action was dropped; use the latest card.
prompt-refused = Not done: { $reason }
prompt-use-buttons = Please use the buttons above.
prompt-need-text = Please answer in text (a note may also be voice).
prompt-when-invalid = That time was not understood; use 2026-12-03 15:00 (within a year).
prompt-terms-empty = No terms typed yet.
agreement-term-format = Line not understood: { $line }. Use "party | what | due date | amount".
agreement-term-date = Due date not understood or not within a year: { $line }
agreement-term-amount = Amount not understood: { $line }

## Group binding and mediator commands

group-not-bound = This group is not bound to a mediation office. An administrator can send /bind OFFICE_CODE; until then the bot handles no cases here.
group-bind-admin-only = Only administrators can bind or unbind groups.
group-bind-in-group = Send this command in the group to bind.
group-bind-unknown = No office has that code. Codes: { $codes }
group-bound = ✅ This group now works for { $office } ({ $code }). { $forum ->
        [true] Each case gets its own topic.
       *[other] Case cards are posted in this group.
    }
group-unbound = This group is no longer bound to { $office }.
group-rebound-away = This group no longer works for { $office } (another group was bound).
mediator-languages-usage = Declare your languages with /languages and codes, e.g. /languages zh bo (zh Chinese, bo Tibetan, ug Uyghur). Now: { $current }
mediator-languages-set = Your languages: { $languages }
usage-reply = Usage: /reply CASE_NUMBER text (or reply to a relayed message in the group).
usage-history = Usage: /history CASE_NUMBER
case-history-refused = Only the owner and coordinators can see a case's history.
case-history-title = <b>Case { $number }: history</b>
case-history-line = { $at } · { $event } · { $actor }
case-reply-relayed = Passed on to the reporter: { $number }
case-relay-text = 📩 Case { $number }, the reporter adds: { $text }
case-relay-media = 📎 Case { $number }, material from the reporter { $text }
event-submitted = submitted
event-routed = routed
event-claim = claimed
event-details-viewed = details viewed
event-transfer = transferred
event-escalate = escalated
event-recuse = recusal
event-contacted = parties contacted
event-note = note
event-session = session scheduled
event-agreement = agreement
event-resolve = resolved
event-fail = failed
event-release = released
event-grade = alert level changed
event-reply-sent = replied to reporter
event-reporter-message = reporter added a message
event-history-viewed = history viewed
event-reporter-unreachable = reporter unreachable (blocked the bot)
event-reporter-reachable = reporter reachable again

## Reporter side: notices, /mycases, /case, adding to a case

reporter-case-claimed = A mediator has taken your case { $number } and will contact you soon.
reporter-session-scheduled = Case { $number }: the mediator will meet you on { $when } at { $place }.
reporter-case-resolved = Case { $number } was resolved. We will check with you later that the agreement is kept.
reporter-case-failed = Case { $number } could not be settled this time. { $referral }
reporter-referral-court = You can ask the court for pre-litigation mediation or judicial confirmation; the mediator can help.
reporter-referral-arbitration = You can apply to the local labour dispute arbitration committee.
reporter-referral-legal-aid = You can call 12348 for free legal aid.
reporter-referral-none = If you need help again, send /new.
reporter-mediator-says = 💬 Case { $number }, the mediator replies: { $text }
reporter-status-submitted = waiting for a mediator
reporter-status-claimed = a mediator is working on it
reporter-status-resolved = resolved
reporter-status-failed = not settled, referred
reporter-status-closed = closed
mycases-empty = You have not reported any dispute yet. Send /new to report one.
mycases-title = Your cases ({ $count }):
mycases-line = <b>{ $number }</b> · { $type } · { $status } · { $filed }
case-not-found = No such case. Send /mycases to see your case numbers.
button-add-to-case = ➕ Add material or a message
relay-started = Send the text, voice, photos or files to add to case { $number }. Press "Done" when finished.
relay-sent = Passed on to the mediator (case { $number }).
relay-ended = OK, nothing more is added.
relay-hint = Send text, voice, a photo or a file, then press "Done".
relay-case-closed = This case is finished; nothing can be added. Send /new to report a new dispute.
command-mycases = My cases

## Deadlines, tasks and follow-ups

case-card-deadline-claim = ⏰ Claim by: { $at }{ $escalations ->
        [0] {""}
       *[other] (escalated { $escalations } times for lateness)
    }
case-card-deadline-resolve = ⏰ Outcome due by: { $at }{ $escalations ->
        [0] {""}
       *[other] (supervised { $escalations } times for lateness)
    }
case-card-task-revisit = 📌 Task: on-site revisit, due { $due }
case-card-task-phone = 📌 Task: phone follow-up, due { $due }
case-card-task-supervision = 📌 Under supervision, due { $due }
case-action-visited = Revisit done
case-action-called = Phone follow-up done
case-done-visited = Revisit recorded; { $number } closed.
case-done-called = Phone follow-up recorded; { $number } closed.
case-supervision-notice = 📣 Supervision: case { $number } needs { $office } to follow it up; report back by { $due }.
reminder-claim = ⏰ Reminder: case { $number } is not claimed yet; deadline { $deadline }, after which it goes one level up.
reminder-resolve = ⏰ Reminder: case { $number } needs an outcome by { $deadline }.
deadline-claim-escalated = ⚠️ Case { $number } was not claimed in time and went up to { $office }.
deadline-admins = ⚠️ Case { $number } is overdue and there is no higher office group to send it to; coordinators, please act.
task-phone-owner = 📞 Phone follow-up: the reporter of case { $number } did not answer the follow-up. Call { $phone } by { $due }, then press "Phone follow-up done" on the card.
task-revisit-owner = 🏠 On-site revisit: the reporter of case { $number } says the agreement was not kept or is not satisfied. Visit them, then press "Revisit done" on the card.
calendar-estimate-admins = ⚠️ The official holiday schedule of { $year } is not entered yet; working days are estimated. Enter it with /holiday or HOLIDAYS_FILE once published.
holiday-admin-only = Only administrators can change the working-day calendar.
holiday-usage = Usage: /holiday add DATE [REGION] [workday|holiday], or /holiday remove DATE [REGION]. E.g. /holiday add 2027-02-06 xizang holiday
holiday-added = Recorded: { $day } ({ $region }) is a { $kind }.
holiday-removed = Removed the correction of { $day } ({ $region }).
holiday-not-found = There is no correction for { $day } ({ $region }).
followup-ask-carried = Hello! Case { $number } was settled earlier. Has the agreement been carried out?
followup-checkin = Case { $number }: the agreement says { $party } would { $action } by { $due }. Has it been done?
followup-carried-yes = Yes, carried out
followup-carried-partly = Partly
followup-carried-no = No
followup-carried-notyet = Not due yet
followup-ask-score = How satisfied are you with the mediation? (1 = not at all, 5 = very)
followup-score-1 = 1
followup-score-2 = 2
followup-score-3 = 3
followup-score-4 = 4
followup-score-5 = 5
followup-ask-comment = Anything to add? Send text or voice, or press "Skip".
followup-thanks = Thank you for your answer! If anything comes up again, send /new.
event-followup-ping = follow-up sent
event-followup-carried = reporter answered: carried out?
event-followup-score = reporter's score
event-followup-comment = reporter's comment
event-task-phone = phone follow-up task
event-task-revisit = on-site revisit task
event-supervision = supervision
event-supervision-overdue = supervision overdue
event-reminder-claim = claim reminder
event-reminder-resolve = outcome reminder
event-deadline-escalated = escalated for lateness
event-closed = closed
event-visited = revisit done
event-called = phone follow-up done

## Mediator's own phone (conflict of interest check)

mediator-phone-usage = Usage: in your private chat with the bot, send /myphone and your mobile number, e.g. /myphone 13800138000. Once recorded, you cannot handle a case you are a party to.
mediator-phone-private = To keep it private, send /myphone in your private chat with the bot.
mediator-phone-set = Your phone { $phone } is recorded. You will not be able to claim cases involving this number (recusal).
