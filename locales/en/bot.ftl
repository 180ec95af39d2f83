# English, for maintainers. The Chinese file is the source; keep ids and placeholders equal.

## Language choice

language-name = English
language-prompt = Please choose your language:
language-option = { $name }
language-option-selected = ✓ { $name }

## Consent (privacy notice)

consent-notice =
    <b>Privacy notice</b>
    This service is run by { $operator } to take in and mediate your dispute.
    We collect: your name, phone number, what happened, details of the other party, and the voice notes, photos and files you send.
    They are shared only with the mediators handling your case, kept for { $days } days after the case is closed, then deleted.
    You can see your data at any time and ask for it to be deleted.
    Please note: messages pass through Telegram's servers.
    Contact: { $contact }
    Do you agree to us handling your data this way?
consent-accept = I agree, start
consent-decline = I do not agree
consent-declined = All right — we have kept none of your personal data. Send /start whenever you need help.
consent-hint = Please press one of the buttons below: "I agree" or "I do not agree".

## Progress and navigation

intake-progress = <i>Step { $step } of { $total }</i>
button-back = ⬅️ Back
button-cancel = ✖️ Cancel
button-skip = Skip
button-done = ✅ Done
button-share-contact = 📱 Send my phone number
button-story-clear = Start the story again (clear what was sent)
button-submit = ✅ Submit
button-restart = Start over
button-continue = Continue where I was
button-stale = This button is out of date; please use the buttons of the latest message.

## Dispute type

intake-ask-type = What is the dispute about?
dispute-type-wages = Unpaid wages / labour
dispute-type-rent = Shop rent / lease
dispute-type-debt = Debt / loan
dispute-type-partnership = Business partnership
dispute-type-consumer = Customer / consumer
dispute-type-supplier = Supplier
dispute-type-family = Marriage and family
dispute-type-neighbours = Neighbours
dispute-type-other = Other

## Place

intake-ask-city = In which city is your shop? Choose one, type its name, or share a location (📎 → Location).
intake-city-location-unknown = No city found near that location; please choose or type the city name.
intake-ask-county = Which county is your home county? Choose one or type it.

## You

intake-ask-name = Please type your name.
intake-ask-phone = Press "Send my phone number" below, or type your 11-digit mobile number.
keyboard-closed = OK.
intake-phone-saved = Phone number saved: { $phone }
intake-contact-not-yours = That is someone else's contact. We need your own number here: press "Send my phone number" or type it.
intake-phone-invalid = That is not a valid mainland China mobile number; please check it and type it again, e.g. 13800138000.

## Other party

intake-ask-other-name = Who is the other party? Type a name or how you call them (e.g. Boss Wang).
intake-ask-other-role = Who are they to you?
party-role-employer = Employer / boss
party-role-employee = Employee / shop worker
party-role-landlord = Landlord
party-role-customer = Customer
party-role-supplier = Supplier
party-role-partner = Business partner
party-role-family = Family member
party-role-other = Other
intake-ask-other-phone = If you know their phone number, type it or send their contact card; otherwise press "Skip".
intake-other-phone-invalid = That number is not valid; type a mainland China mobile or landline number, or press "Skip".

## What happened

intake-ask-story =
    Tell us what happened: text, voice notes, photos or files, in as many messages as you like. Press "Done" when you have finished.
    { $count ->
        [0] {""}
       *[other] { $count } received so far.
    }
intake-story-received = Received ({ $count } in all). Send more, or press "Done" when you have finished.
intake-story-empty = Nothing received yet. Please tell us what happened first, in text, voice or photos.
intake-story-full = At most { $limit } messages; please press "Done" to continue.

## Amount, people, danger

intake-ask-amount = How much money is involved? Type the amount in yuan, e.g. 8000 or 1.5万; press "Skip" if none.
intake-amount-invalid = I could not read that amount; type only the number, e.g. 8000 or 1.5万.
amount-yuan = { $amount } yuan
intake-ask-people = How many people does this affect (including you)?
people-option = { $count ->
        [1] Only me
        [2] 2–4 people
        [5] 5–9 people
        [10] 10–29 people
       *[other] 30 or more
    }
intake-ask-danger = Is anyone in physical danger right now (threats, fighting, injury)?
danger-yes = Yes, there is danger now
danger-no = No
intake-emergency =
    <b>If anyone is in danger, call the police now!</b>
    Police: 110  Ambulance: 120  Fire: 119
    Your case is marked urgent and a mediator will contact you as soon as possible.

## Outcome

intake-ask-outcome = How would you like it resolved? (e.g. deposit returned, wages paid, repayment in instalments)

## Summary

value-none = none
intake-summary =
    <b>Please check your report:</b>
    Dispute: { $type }
    Shop city: { $city }
    Home county: { $county }
    Name: { $name }
    Phone: { $phone }
    Other party: { $other_name } ({ $other_role }), phone: { $other_phone }
    What happened: { $story }
    Attachments: { $files }
    Amount: { $amount }
    People affected: { $people }
    Danger: { $danger }
    Outcome wanted: { $outcome }

    If everything is right, press "Submit"; to change something, press its button.
button-edit-type = Change dispute type
button-edit-place = Change place
button-edit-you = Change my details
button-edit-other = Change other party
button-edit-story = Change story
button-edit-amount = Change amount
button-edit-people = Change people/danger
button-edit-outcome = Change outcome
intake-submitted =
    <b>Your dispute is registered.</b> Case number: <b>{ $number }</b>
    Next: a mediator will take the case during working hours and contact you through this bot or by phone. Keep your phone on and note the case number.
intake-submitted-urgent = Your case is marked <b>urgent</b> and will be handled first. If anyone is in danger, call 110 first.

## Restart, cancel and hints

intake-restart-confirm = You have an unfinished report (step { $step } of { $total }). Discard it and start over?
intake-restart-hint = Please choose "Start over" or "Continue where I was".
intake-cancelled = This report is cancelled; nothing was submitted. Send /new to start again.
intake-no-back = You cannot go back from here.
nothing-to-cancel = There is no report in progress. Send /new to report a dispute.
idle-hint = Send /new to report a dispute, /language to change the language, /help for help.
help-text =
    <b>Dispute mediation assistant</b>
    /new — report a new dispute
    /cancel — cancel the report in progress
    /language — change the language
    /help — help
    Every step of a report has "Back" and "Cancel" buttons.
unknown-command = There is no such command. Send /help to see the commands.
input-edited = Edited messages are not read; please send a new message.
input-forwarded = Please type your answer yourself; forwarded messages are not accepted as answers.
input-too-long = That is too long: at most { $limit } characters. Please shorten it and send it again.
intake-hint-type = Please choose the kind of dispute with the buttons above.
intake-hint-city = Please choose a city, type its name (e.g. Guangzhou), or share a location.
intake-hint-county = Please choose your home county or type its name (e.g. Hualong).
intake-hint-name = Please type your name as text.
intake-hint-phone = Press "Send my phone number" or type your 11-digit mobile number.
intake-hint-other-name = Please type the other party's name or how you call them.
intake-hint-other-role = Please choose with the buttons who the other party is to you.
intake-hint-other-phone = Type the other party's phone number, or press "Skip".
intake-hint-story = Send text, voice notes, photos or files about what happened, then press "Done".
intake-hint-amount = Type the amount as a number, or press "Skip".
intake-hint-people = Choose how many people, or type a number.
intake-hint-danger = Please answer with the buttons: is anyone in danger right now?
intake-hint-outcome = Please write the outcome you want as text.
intake-hint-summary = Press "Submit", or a button to change one part.
error-try-again = Sorry, something went wrong; nothing you sent is lost. Please send it again.

## Drafts

draft-reminder = You have an unfinished dispute report. Reply to continue, or send /cancel to cancel it.
draft-expired = Your dispute report was not continued for { $days } days and has been deleted. Send /new to start again.

## Bot commands (the menu)

command-new = Report a new dispute
command-cancel = Cancel the current report
command-language = Change the language
command-help = Help

## Alerts to admins

alert-group-unreachable = ⚠️ The bot cannot send messages to group <code>{ $chat }</code>: the group was not found, or the bot was removed from it. Messages to this group were not delivered. Please check the group and add the bot again if needed. (This alert is sent at most once an hour per group.)
