# Mediator side (调解员) and the reporter's own cases. Chinese is the source; mediator-facing
# texts use the terms of the reference methods (接单、转派、上报、回避、首接负责).

## Case card in the office group (one message per case, edited in place)

case-card =
    { $icon } <b>案件 { $number }</b> · { $risk }
    类型：{ $type }
    务工城市：{ $city }　籍贯：{ $county }
    当事人：{ $reporter }（{ $phone }）　对方：{ $other }（{ $role }）
    语言：{ $language }　涉及人数：{ $people }
    登记时间：{ $filed }
    摘要：{ $summary }
    承办：{ $office }（{ $reason }）
    知会：{ $informed }
    状态：{ $status }
risk-name-blue = 蓝色预警
risk-name-yellow = 黄色预警
risk-name-red = 红色预警
route-reason-host-city = 务工地办事处承办
route-reason-family-at-home = 婚姻家庭纠纷由属地矛调中心承办
route-reason-family-no-centre = 籍贯地无矛调中心，由务工地办事处承办
route-reason-labour-committee = 劳动争议调解委员会承办
route-reason-consumer-team = 市场监管消费维权承办
route-reason-no-match = 无对口单位，由协调中心承办
route-reason-transferred = 转派
route-reason-escalated = 上报
route-reason-none = 未分派
case-status-submitted = 待接单
case-status-claimed = 已接单 · 承办人 { $owner }（{ $since }）{ $contacted ->
        [yes] · 已联系当事人
       *[no] {""}
    }{ $terms ->
        [0] {""}
       *[other] · 协议 { $terms } 项
    }
case-status-resolved = 调解成功
case-status-failed = 调解失败 · { $referral }
case-status-closed = 已结案
case-status-moved = 已转至 { $office }
referral-court = 诉调对接·司法确认
referral-arbitration = 劳动人事争议仲裁
referral-legal-aid = 法律援助（12348）
referral-none = 不转介

## Card buttons

case-action-claim = 接单
case-action-details = 详情
case-action-transfer = 转派
case-action-escalate = 上报
case-action-recuse = 回避
case-action-contacted = 已联系当事人
case-action-note = 备注
case-action-session = 约谈
case-action-agreement = 协议
case-action-resolve = 调解成功
case-action-fail = 调解失败
case-action-release = 释放
case-action-grade = 调整预警
case-action-reply = 回复当事人

## Answers to button presses (toasts) and results

case-button-invalid = 无法识别这个按钮，未做任何更改。
case-refused-other-office = 这张卡片只是知会本群，案件由其他单位承办。
case-refused-status = 案件当前状态下不能这样操作，未做任何更改。
case-refused-not-member = 只有本单位群组的调解员可以操作此案件。
case-refused-party = 您是本案当事人，不能承办（请回避）。
case-refused-recused = 您已对本案声明回避，不能接单。
case-refused-owner-only = 只有承办人（{ $owner }）可以这样操作（首接负责制）。
case-claim-yours = 您已经是本案承办人。
case-claimed-by = 本案已由 { $owner } 接单。
case-details-sent = 详情已私信发给您。如果没有收到，请先私聊机器人并发送 /start。
case-prompt-private = 请在与机器人的私聊中继续操作。如果没有收到消息，请先私聊机器人并发送 /start。
case-no-offices = 还没有导入任何单位，请管理员运行 offices sync。
case-escalate-top = 已是最高一级，无法再上报。
case-move-no-group = 目标单位还没有绑定群组，无法转派。
case-done-claim = 已接单：{ $number }。请尽快联系当事人。
case-done-details = 详情已发送：{ $number }
case-done-transfer = 已将 { $number } 转派至 { $office }。
case-done-escalate = 已将 { $number } 上报至 { $office }。
case-done-recuse = 已登记回避：{ $number }
case-done-contacted = 已记录：已联系 { $number } 的当事人。
case-done-note = 备注已保存：{ $number }
case-done-session = 约谈已安排，已通知当事人：{ $number }
case-done-agreement = 调解协议已记录：{ $number }
case-done-resolve = { $number } 已标记为调解成功，已通知当事人。
case-done-fail = { $number } 已标记为调解失败，已告知当事人转介渠道。
case-done-release = 已释放 { $number }，案件重新等待接单。
case-done-grade = { $number } 的预警等级已调整。
case-done-reply = 已回复：{ $number }
case-unrouted-admin = ⚠️ 案件 { $number } 没有可承办的单位群组，请人工分派（运行 offices sync 并用 /bind 绑定群组）。

## Full record, sent privately to the owner

case-details =
    <b>案件 { $number } 详情</b>（仅限承办人查看，请勿转发）
    类型：{ $type }
    务工城市：{ $city }　籍贯：{ $county }
    当事人：{ $reporter }，电话 { $phone }
    对方：{ $other }（{ $role }），电话 { $other-phone }
    语言：{ $language }　涉及人数：{ $people }　金额：{ $amount }
    登记时间：{ $filed }
    经过：{ $story }
    诉求：{ $outcome }
    附件 { $attachments } 个 · 协议 { $terms } 项 · 备注 { $notes } 条

## Prompts in the mediator's private chat

prompt-office = 案件 { $number }：请选择要{ $action }的单位。
prompt-reason = 案件 { $number }：请输入{ $action }的理由。
prompt-note = 案件 { $number }：请发送备注（文字或语音）。
prompt-when = 案件 { $number }：请输入约谈时间，例如 2026-12-03 15:00 或 12月3日15:00。
prompt-place = 案件 { $number }：请输入约谈地点。
prompt-terms =
    案件 { $number }：请逐行输入协议内容，每行一项：
    <code>当事人 | 履行事项 | 截止日期 | 金额（可选）</code>
    例如：<code>王老板 | 支付拖欠工资 | 2026-12-15 | 8000</code>
    输入完后点“说完了”。
prompt-referral = 案件 { $number }：调解未成功，请选择转介渠道。
prompt-level = 案件 { $number }：请选择新的预警等级。
prompt-cancelled = 已取消，未做任何更改。
prompt-stale = 案件已有变化，这次操作已作废，请在最新的案件卡片上重新操作。
prompt-refused = 无法完成：{ $reason }
prompt-use-buttons = 请点击上面的按钮选择。
prompt-need-text = 请用文字回复（备注也可以发语音）。
prompt-when-invalid = 没看懂这个时间，请按 2026-12-03 15:00 的格式输入（一年之内）。
prompt-terms-empty = 还没有输入任何协议内容。
agreement-term-format = 这一行格式不对：{ $line }。请用“当事人 | 履行事项 | 截止日期 | 金额”。
agreement-term-date = 这一行的截止日期看不懂或不在一年之内：{ $line }
agreement-term-amount = 这一行的金额看不懂：{ $line }

## Group binding and mediator commands

group-not-bound = 本群还没有绑定调解单位。请管理员发送 /bind 单位代码 进行绑定；绑定前机器人不会在本群处理案件。
group-bind-admin-only = 只有管理员可以绑定或解绑群组。
group-bind-in-group = 请在要绑定的群组中发送这个命令。
group-bind-unknown = 没有这个单位代码。可用的代码：{ $codes }
group-bound = ✅ 本群已绑定：{ $office }（{ $code }）。{ $forum ->
        [true] 每个案件会单独开一个话题。
       *[other] 案件卡片会直接发在本群。
    }
group-unbound = 本群已与 { $office } 解除绑定。
group-rebound-away = 本群不再是 { $office } 的工作群（已绑定到其他群组）。
mediator-languages-usage = 请用 /languages 加语言代码声明您能使用的语言，例如 /languages zh bo（zh 中文、bo 藏文、ug 维吾尔文）。当前：{ $current }
mediator-languages-set = 已记录您能使用的语言：{ $languages }
usage-reply = 用法：/reply 案件编号 回复内容（也可以直接回复群里转来的当事人消息）。
usage-history = 用法：/history 案件编号
case-history-refused = 只有承办人和协调员可以查看案件记录。
case-history-title = <b>案件 { $number } 办理记录</b>
case-history-line = { $at } · { $event } · { $actor }
case-reply-relayed = 已转达给当事人：{ $number }
case-relay-text = 📩 案件 { $number } 当事人补充：{ $text }
case-relay-media = 📎 案件 { $number } 当事人补充材料 { $text }
event-submitted = 提交
event-routed = 分派
event-claim = 接单
event-details-viewed = 查看详情
event-transfer = 转派
event-escalate = 上报
event-recuse = 回避
event-contacted = 已联系当事人
event-note = 备注
event-session = 约谈
event-agreement = 协议
event-resolve = 调解成功
event-fail = 调解失败
event-release = 释放
event-grade = 调整预警
event-reply-sent = 回复当事人
event-reporter-message = 当事人补充
event-history-viewed = 查看记录
event-reporter-unreachable = 当事人无法联系（屏蔽了机器人）
event-reporter-reachable = 当事人恢复联系

## Reporter side: notices, /mycases, /case, adding to a case

reporter-case-claimed = 您的案件 { $number } 已有调解员接手，调解员会尽快联系您。
reporter-session-scheduled = 案件 { $number }：调解员约您在 { $when } 见面，地点：{ $place }。
reporter-case-resolved = 案件 { $number } 已调解成功。之后我们会回访，了解协议的履行情况。
reporter-case-failed = 案件 { $number } 这次没有调解成功。{ $referral }
reporter-referral-court = 您可以到法院申请诉前调解或司法确认，调解员可以协助对接。
reporter-referral-arbitration = 您可以向当地劳动人事争议仲裁委员会申请仲裁。
reporter-referral-legal-aid = 您可以拨打 12348 申请法律援助。
reporter-referral-none = 如有需要，可以随时发送 /new 重新登记。
reporter-mediator-says = 💬 案件 { $number } 调解员回复：{ $text }
reporter-status-submitted = 等待调解员接手
reporter-status-claimed = 调解员正在处理
reporter-status-resolved = 已调解成功
reporter-status-failed = 未调解成功，已转介
reporter-status-closed = 已结案
mycases-empty = 您还没有登记过纠纷。发送 /new 登记新的纠纷。
mycases-title = 您的案件（共 { $count } 件）：
mycases-line = <b>{ $number }</b> · { $type } · { $status } · { $filed }
case-not-found = 没有找到这个案件。请发送 /mycases 查看您的案件编号。
button-add-to-case = ➕ 补充材料或留言
relay-started = 请发送要补充到案件 { $number } 的文字、语音、照片或文件。发完后点“说完了”。
relay-sent = 已转给调解员（案件 { $number }）。
relay-ended = 好的，补充结束。
relay-hint = 请发送文字、语音、照片或文件，发完后点“说完了”。
relay-case-closed = 这个案件已经办结，不能再补充。需要时发送 /new 登记新的纠纷。
command-mycases = 我的案件

## Deadlines, tasks and follow-ups (一事一回访)

case-card-deadline-claim = ⏰ 接单时限：{ $at }{ $escalations ->
        [0] {""}
       *[other] （已超时上报 { $escalations } 次）
    }
case-card-deadline-resolve = ⏰ 办结时限：{ $at }{ $escalations ->
        [0] {""}
       *[other] （已超时督办 { $escalations } 次）
    }
case-card-task-revisit = 📌 任务：上门回访，截止 { $due }
case-card-task-phone = 📌 任务：电话回访，截止 { $due }
case-card-task-supervision = 📌 督办中，截止 { $due }
case-action-visited = 上门回访完成
case-action-called = 电话回访完成
case-done-visited = 已记录上门回访，{ $number } 结案。
case-done-called = 已记录电话回访，{ $number } 结案。
case-supervision-notice = 📣 督办通知：案件 { $number } 需要 { $office } 督促办理，请于 { $due } 前反馈。
reminder-claim = ⏰ 提醒函：案件 { $number } 尚未接单，接单时限 { $deadline }，逾期将上报上一级。
reminder-resolve = ⏰ 提醒函：案件 { $number } 办结时限 { $deadline }，请抓紧调解。
deadline-claim-escalated = ⚠️ 案件 { $number } 超过接单时限无人接单，已上报至 { $office }。
deadline-admins = ⚠️ 案件 { $number } 已超时，且没有上一级单位群组可以上报，请协调员处理。
task-phone-owner = 📞 电话回访任务：案件 { $number } 的当事人没有回复回访消息。请致电 { $phone }，于 { $due } 前完成，完成后在案件卡片上点“电话回访完成”。
task-revisit-owner = 🏠 上门回访任务：案件 { $number } 的当事人反映协议没有履行或不满意，请上门回访，完成后在案件卡片上点“上门回访完成”。
calendar-estimate-admins = ⚠️ { $year } 年的法定节假日安排还未录入，工作日目前按估算计算。国务院公布后，请用 /holiday 或 HOLIDAYS_FILE 录入。
holiday-admin-only = 只有管理员可以修改工作日历。
holiday-usage = 用法：/holiday add 日期 [地区] [workday|holiday]，或 /holiday remove 日期 [地区]。例如：/holiday add 2027-02-06 xizang holiday
holiday-added = 已记录：{ $day }（{ $region }）为 { $kind }。
holiday-removed = 已删除 { $day }（{ $region }）的调整。
holiday-not-found = { $day }（{ $region }）没有调整记录。
followup-ask-carried = 您好！案件 { $number } 之前已经调解成功。请问协议履行了吗？
followup-checkin = 案件 { $number }：协议约定 { $party } 在 { $due } 前 { $action }。请问履行了吗？
followup-carried-yes = 已经履行
followup-carried-partly = 部分履行
followup-carried-no = 没有履行
followup-carried-notyet = 还没到时间
followup-ask-score = 您对这次调解满意吗？请打分（1 最不满意，5 最满意）。
followup-score-1 = 1
followup-score-2 = 2
followup-score-3 = 3
followup-score-4 = 4
followup-score-5 = 5
followup-ask-comment = 还有什么想补充的吗？可以发文字或语音；没有的话点“跳过”。
followup-thanks = 谢谢您的反馈！如果以后还有问题，随时发送 /new。
event-followup-ping = 回访消息
event-followup-carried = 当事人答复履行情况
event-followup-score = 当事人评分
event-followup-comment = 当事人补充意见
event-task-phone = 电话回访任务
event-task-revisit = 上门回访任务
event-supervision = 督办
event-supervision-overdue = 督办逾期
event-reminder-claim = 接单提醒函
event-reminder-resolve = 办结提醒函
event-deadline-escalated = 超时上报
event-closed = 结案
event-visited = 上门回访完成
event-called = 电话回访完成

## Mediator's own phone (conflict of interest check)

mediator-phone-usage = 用法：在与机器人的私聊中发送 /myphone 您的手机号，例如 /myphone 13800138000。登记后，您不能承办自己是当事人的案件。
mediator-phone-private = 为保护隐私，请在与机器人的私聊中发送 /myphone。
mediator-phone-set = 已登记您的手机号 { $phone }。涉及这个号码的案件，您将不能接单（回避）。
