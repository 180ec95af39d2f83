# Chinese (source locale). Terms follow locales/GLOSSARY.md and the reference methods.

## Language choice

language-name = 中文
language-prompt = 请选择您使用的语言：
language-option = { $name }
language-option-selected = ✓ { $name }

## Consent (privacy notice)

consent-notice =
    <b>隐私告知</b>
    本服务由{ $operator }提供，用于受理和调解您的矛盾纠纷。
    我们会收集：您的姓名、电话、纠纷经过、对方当事人信息以及您发送的语音、照片和文件。
    这些信息只交给负责您案件的调解员，结案后保存 { $days } 天，之后删除。
    您随时可以查看自己的信息，也可以要求删除。
    请注意：消息经过 Telegram 的服务器传递。
    联系我们：{ $contact }
    您同意我们按上述方式处理您的信息吗？
consent-accept = 同意，开始登记
consent-decline = 不同意
consent-declined = 好的，我们没有保存您的任何个人信息。需要帮助时，随时发送 /start 。
consent-hint = 请点击下面的按钮：“同意，开始登记”或“不同意”。

## Progress and navigation

intake-progress = <i>第 { $step } 步，共 { $total } 步</i>
button-back = ⬅️ 返回
button-cancel = ✖️ 取消
button-skip = 跳过
button-done = ✅ 说完了
button-share-contact = 📱 发送我的手机号
button-story-clear = 重新讲述（清空已发送内容）
button-submit = ✅ 提交
button-restart = 重新开始
button-continue = 继续刚才的登记
button-stale = 这个按钮已过期，请使用最新消息中的按钮。

## Dispute type

intake-ask-type = 请问是什么纠纷？
dispute-type-wages = 拖欠工资 / 劳动纠纷
dispute-type-rent = 店铺租金 / 租赁纠纷
dispute-type-debt = 欠款 / 借贷纠纷
dispute-type-partnership = 合伙经营纠纷
dispute-type-consumer = 顾客 / 消费纠纷
dispute-type-supplier = 供货商纠纷
dispute-type-family = 婚姻家庭纠纷
dispute-type-neighbours = 邻里纠纷
dispute-type-other = 其他纠纷

## Place

intake-ask-city = 您的店铺在哪个城市？请点选，或直接输入城市名，也可以发送位置（📎 → 位置）。
intake-city-location-unknown = 没能根据这个位置找到城市，请点选或输入城市名。
intake-ask-county = 您的老家在哪个县？请点选或直接输入。

## You

intake-ask-name = 请输入您的姓名。
intake-ask-phone = 请点击下方“发送我的手机号”，或直接输入您的手机号码（11 位）。
keyboard-closed = 好的。
intake-phone-saved = 已记录手机号：{ $phone }
intake-contact-not-yours = 这是别人的联系人名片。这里需要您本人的手机号：请点击“发送我的手机号”，或直接输入。
intake-phone-invalid = 这个号码不是有效的中国大陆手机号，请检查后重新输入，例如 13800138000。

## Other party

intake-ask-other-name = 对方当事人是谁？请输入姓名或称呼（例如：王老板）。
intake-ask-other-role = 对方和您是什么关系？
party-role-employer = 雇主 / 老板
party-role-employee = 雇员 / 店员
party-role-landlord = 房东
party-role-customer = 顾客
party-role-supplier = 供货商
party-role-partner = 合伙人
party-role-family = 家庭成员
party-role-other = 其他
intake-ask-other-phone = 如果知道对方的电话，请输入或发送对方的联系人名片；不知道请点“跳过”。
intake-other-phone-invalid = 这个号码无效，请输入中国大陆的手机或座机号码，或点“跳过”。

## What happened

intake-ask-story =
    请讲讲发生了什么：可以发文字、语音、照片或文件，分几条发都可以。讲完后请点“说完了”。
    { $count ->
        [0] {""}
       *[other] 已收到 { $count } 条。
    }
intake-story-received = 已收到（共 { $count } 条）。还可以继续发送，讲完后请点“说完了”。
intake-story-empty = 还没有收到任何内容。请先用文字、语音或照片讲讲发生了什么。
intake-story-full = 最多可以发送 { $limit } 条，请点“说完了”继续。

## Amount, people, danger

intake-ask-amount = 涉及多少钱？请输入金额（元），例如 8000 或 1.5万；不涉及金额请点“跳过”。
intake-amount-invalid = 没看懂这个金额，请只输入数字，例如 8000 或 1.5万。
amount-yuan = { $amount } 元
intake-ask-people = 这件事涉及多少人（包括您自己）？
people-option = { $count ->
        [1] 只有我
        [2] 2–4 人
        [5] 5–9 人
        [10] 10–29 人
       *[other] 30 人以上
    }
intake-ask-danger = 现在有没有人面临人身危险（受到威胁、打斗、受伤）？
danger-yes = 有，现在有危险
danger-no = 没有
intake-emergency =
    <b>如有危险，请立即报警！</b>
    报警：110　急救：120　火警：119
    我们会把您的案件标为紧急，调解员会尽快联系您。

## Outcome

intake-ask-outcome = 您希望怎么解决？（例如：退还押金、结清工资、分期还款）

## Summary

value-none = 无
intake-summary =
    <b>请核对您的登记信息：</b>
    纠纷类型：{ $type }
    店铺所在城市：{ $city }
    老家：{ $county }
    姓名：{ $name }
    电话：{ $phone }
    对方：{ $other_name }（{ $other_role }），电话：{ $other_phone }
    经过：{ $story }
    附件：{ $files } 个
    涉及金额：{ $amount }
    涉及人数：{ $people }
    人身危险：{ $danger }
    希望的结果：{ $outcome }

    信息无误请点“提交”；需要修改请点对应的按钮。
button-edit-type = 改纠纷类型
button-edit-place = 改地点
button-edit-you = 改我的信息
button-edit-other = 改对方信息
button-edit-story = 改经过
button-edit-amount = 改金额
button-edit-people = 改人数/危险
button-edit-outcome = 改希望的结果
intake-submitted =
    <b>您的纠纷已登记。</b>案件编号：<b>{ $number }</b>
    接下来：调解员会在工作时间内接单，并通过本机器人或电话联系您。请保持电话畅通，记好案件编号。
intake-submitted-urgent = 您的案件已标为<b>紧急</b>，会优先处理。如有危险请先拨打 110。

## Restart, cancel and hints

intake-restart-confirm = 您有一份没填完的登记（第 { $step } 步，共 { $total } 步）。要放弃它重新开始吗？
intake-restart-hint = 请选择：“重新开始”或“继续刚才的登记”。
intake-cancelled = 已取消这次登记，没有提交任何内容。需要时发送 /new 重新开始。
intake-no-back = 这里不能再返回了。
nothing-to-cancel = 现在没有进行中的登记。发送 /new 登记新的纠纷。
idle-hint = 发送 /new 登记新的纠纷，发送 /language 更换语言，发送 /help 查看帮助。
help-text =
    <b>矛盾纠纷调解助手</b>
    /new — 登记新的纠纷
    /cancel — 取消正在进行的登记
    /language — 更换语言
    /help — 帮助
    登记时每一步都可以点“返回”或“取消”。
unknown-command = 没有这个命令。发送 /help 查看可用的命令。
input-edited = 修改过的消息不会被读取，请重新发送一条。
input-forwarded = 这里需要您自己输入，转发的消息不能作为回答。
input-too-long = 内容太长了，最多 { $limit } 个字，请缩短后再发。
intake-hint-type = 请点击上面的按钮选择纠纷类型。
intake-hint-city = 请点选城市，或输入城市名（例如：广州），也可以发送位置。
intake-hint-county = 请点选老家所在的县，或输入县名（例如：化隆）。
intake-hint-name = 请用文字输入您的姓名。
intake-hint-phone = 请点击“发送我的手机号”，或输入 11 位手机号码。
intake-hint-other-name = 请用文字输入对方的姓名或称呼。
intake-hint-other-role = 请点击按钮选择对方和您的关系。
intake-hint-other-phone = 请输入对方的电话，或点“跳过”。
intake-hint-story = 请发送文字、语音、照片或文件讲讲经过，讲完后点“说完了”。
intake-hint-amount = 请输入金额（数字），或点“跳过”。
intake-hint-people = 请点选人数，或输入一个数字。
intake-hint-danger = 请点击按钮回答：现在有没有人身危险？
intake-hint-outcome = 请用文字写下您希望的解决结果。
intake-hint-summary = 请点“提交”，或点按钮修改某一项。
error-try-again = 抱歉，刚才出了点问题，您的信息没有丢失。请再发送一次。

## Drafts

draft-reminder = 您有一份没填完的纠纷登记。回复即可继续；发送 /cancel 可以取消。
draft-expired = 您的纠纷登记 { $days } 天没有继续，已经删除。需要时发送 /new 重新登记。

## Bot commands (the menu)

command-new = 登记新的纠纷
command-cancel = 取消当前登记
command-language = 更换语言
command-help = 帮助

## Alerts to admins

alert-group-unreachable = ⚠️ 机器人无法向群组 <code>{ $chat }</code> 发送消息：找不到这个群组，或者机器人已被移出群组。发往这个群组的消息都没有送达。请检查群组，需要时把机器人重新加入。（同一个群组每小时最多提醒一次。）
