"""The catalogue: every word a person reads, in one place.

Code refers to these names; nothing user-facing is written inline elsewhere.
Templates use str.format fields.
"""

from __future__ import annotations

# -- statuses -------------------------------------------------------------------------------
STATUS_LABELS = {
    "todo": "未启动",
    "doing": "推进中",
    "done": "已完成",
    "paused": "暂缓",
}
OVERDUE = "逾期"
OPEN = "未完成"
EVERY_SECTION = "各科室"
UNIT_SUFFIX = "单位"  # 牵头单位 → 牵头 beside names in a report

# -- event operations, as the log shows them -----------------------------------------------
OP_LABELS = {
    "assign": "承办人",
    "status": "状态",
    "note": "进展",
    "done": "标记完成",
    "reopen": "重新打开",
    "undo": "撤销",
    "remind": "催办",
    "verify": "审核通过（销号）",
    "reject": "退回",
    "attach": "佐证材料",
}
DESC_ASSIGN = "承办人：{parts}"
DESC_ATTACH = "附佐证材料 {name}（{size}）"
# -- verified completion (办结需审核, 销号) and evidence (佐证材料): verify, reject, attach ----------
STATUS_PENDING = "待审核"  # done, in a plan whose done tasks the office verifies
STATUS_VERIFIED = "已销号"
LEDGER_EVIDENCE = "佐证材料"
LEDGER_EVIDENCE_CELL = "{n} 份：{names}"
LEDGER_REMARK_REMINDED = "已催办 {n} 次"
SHOW_REMINDED = "催办"
SHOW_REMINDED_TEXT = "已催办 {n} 次（最近 {last}）"
DONE_PENDING = "；已申请办结，待办公室审核销号（xjc verify {task}）"
HELP_VERIFY = "审核通过已申请办结的任务（销号）；仅用于要求办结审核的方案。"
HELP_REJECT = "退回已申请办结的任务（状态改为推进中），须用 --note 写明原因。"
HELP_ATTACH = "为任务附上佐证材料（一个或多个文件），复制到方案文件夹的佐证材料库。"
HELP_ARG_FILES = "要附上的文件，可以有多个。"
HELP_OPT_REJECT_NOTE = "退回原因（必填）。"
HELP_OPT_EVIDENCE_NOTE = "说明，如材料的来由。"
ERR_VERIFY_NOT_REQUIRED = (
    "方案《{plan}》不要求办结审核，任务 {task} 完成即办结，无需销号；"
    "如需审核，请在方案文件里写“办结需审核: 是”。"
)
ERR_VERIFY_NOT_DONE = (
    "任务 {task} 尚未申请办结（当前“{status}”），不能{action}；请等承办科室 xjc done {task}。"
)
ERR_ALREADY_VERIFIED = (
    "任务 {task} 已于 {date} 销号；如需改动，请先撤销那条销号记录（xjc log {task}）。"
)
ERR_REJECT_NOTE = "退回须写明原因：xjc reject {task} --note 原因。"
ACTION_VERIFY = "销号"
ACTION_REJECT = "退回"
WHAT_EVIDENCE = "佐证材料"
ERR_EVIDENCE_NAME = "文件名 {name} 含有控制字符 {char}，不能作为佐证材料的名称；请先改名。"
ERR_EVIDENCE_NAME_BYTES = "文件名 {name} 不是有效的 UTF-8，不能作为佐证材料的名称；请先改名。"
ERR_EVIDENCE_TOO_BIG = (
    "佐证材料 {path} 有 {size}，超过每个文件 {limit} 的上限；请压缩或拆分后再附。"
)
ERR_EVIDENCE_TWICE = "{first} 和 {second} 内容相同，同一份材料只需附一次。"
ERR_EVIDENCE_ATTACHED = "任务 {task} 已附有同样内容的材料 {name}（{date}），不再重复附上。"
ERR_EVIDENCE_TOO_MANY = "一次最多附 {limit} 个文件，这次给了 {n} 个；请分几次附上。"
ERR_EVIDENCE_DAMAGED = (
    "佐证材料库里的 {path} 内容与它的名称（SHA-256）不符，可能已被改动或损坏；"
    "请运行 xjc check 查看，删除这个文件后再附一次。"
)
ERR_EVIDENCE_STORE = "无法写入佐证材料库 {path}（{reason}）；请检查磁盘空间和文件夹权限。"
EVIDENCE_ADDED_NEW = "；已存入佐证材料库"
EVIDENCE_ADDED_KNOWN = "；佐证材料库已有同样内容，未再复制"
SHOW_EVIDENCE = "佐证材料"
SHOW_VERIFIED_ON = "销号日期"
EVIDENCE_LINE = "{name}（{size}，{date}）"
EVIDENCE_MISSING = "任务 {task} 的佐证材料 {name}（记录 {event}）不在材料库里：{path}。"
EVIDENCE_CHANGED = (
    "任务 {task} 的佐证材料 {name}（记录 {event}）已被改动或损坏："
    "材料库里的 {path}（{size}）与记录的 SHA-256 不符。"
)
EVIDENCE_UNREADABLE = "任务 {task} 的佐证材料 {name}（记录 {event}）无法读取：{path}（{reason}）。"
OVERVIEW_RATE_VERIFIED = "完成率 {rate}（{done}/{total}，待审核 {pending} 项不计）"
ZIP_EVIDENCE = "佐证材料"
ZIP_EXPORTED = "已导出台账和佐证材料 {path}：{n} 项任务，{files} 份材料，截至 {as_of}。"
ERR_ZIP_EVIDENCE = "无法导出：{problem}请先运行 xjc check。"
DESC_REMIND = {"due_soon": "临近提醒", "overdue": "到期催办"}
# -- remind: 临近提醒 and 到期催办 (xjc remind) ----------------------------------------------
HELP_REMIND = (
    "临近提醒和到期催办：按单位列出 N 个工作日内到期和已逾期的未完成任务；"
    "可写成督办通知单（-o）、聊天消息（--text），并记入日志（--record）。"
)
HELP_OPT_WITHIN = "提前几个工作日提醒（默认 3，0 到 366）。"
HELP_OPT_REMIND_OUTPUT = (
    "把督办通知单写成 Word 文件（.docx），每个单位一份；加 --split 时为文件夹。"
)
HELP_OPT_SPLIT = "每个单位单独一个文件，写入 -o 指定的文件夹（没有则新建）。"
HELP_OPT_TEXT = "每个单位一段纯文本消息，可直接粘贴到工作群。"
HELP_OPT_RECORD = "把这次催办记入各任务所在方案的日志（每项任务一条，日期为截至日期）。"
HELP_OPT_REMIND_DRY_RUN = "与 --record 同用：只列出将要记录的催办，不写入。"
ERR_REMIND_WITHIN = "--within 的值 {given} 无效；请写 0 到 {limit} 之间的工作日天数，如 3。"
ERR_REMIND_RECORD_FUTURE = (
    "截至日期 {given} 在今天（{today}）之后；催办记录的是已经发出的提醒，"
    "--record 请用今天或以前的日期。"
)
ERR_REMIND_FORMAT = (
    "督办通知单只能写成 Word 文件（.docx），{given} 不行；每个单位一个文件请加 --split 并给文件夹。"
)
ERR_REMIND_SPLIT_NEEDS_OUTPUT = "--split 要和 -o 文件夹 一起用，如 -o 通知/ --split。"
ERR_REMIND_SPLIT_NOT_DIR = (
    "{path} 是一个文件，不是文件夹；--split 要把每个单位的通知单写进一个文件夹。"
)
ERR_REMIND_EXCLUSIVE = "{first} 和 {second} 不能同时使用；请二选一。"
ERR_REMIND_DRY_RUN_ALONE = "--dry-run 只和 --record 一起用：先看将要记录哪些催办。"
REMIND_NO_UNIT = "（未明确责任单位）"
REMIND_COUNT_OVERDUE = "逾期 {n} 项"
REMIND_COUNT_DUE_SOON = "临近到期 {n} 项"
REMIND_GROUP_HEADING = "{unit}  {counts}"
REMIND_SUMMARY = "截至 {as_of}：{counts}，涉及 {units} 个单位。"
REMIND_SUMMARY_SOON = "{within} 个工作日内到期 {n} 项"
REMIND_PAUSED = "另有 {n} 项暂缓的任务未列入。"
REMIND_NONE = "截至 {as_of}，没有逾期或 {within} 个工作日内到期的未完成任务。"
COL_REMINDED = "已催办"
COL_SEQ = "序号"
COL_DUE_FULL = "完成时限"
COL_TIMING = "工作日"
REMIND_TIMES = "{n} 次"
REMIND_PLAN_REF = "《{title}》"
REMIND_NOTICE_TITLE = "督办通知单"
REMIND_LETTER_TITLE = "工作提醒函"
REMIND_TO = "{unit}："
REMIND_STATE_OVERDUE = "已超过完成时限"
REMIND_STATE_DUE_SOON = "将在 {within} 个工作日内到期"
REMIND_STATE_BOTH = "已超过完成时限或将在 {within} 个工作日内到期"
REMIND_BODY = (
    "根据{plans}的任务分工，截至{as_of}，你单位承担的以下 {n} 项任务{state}。"
    "请对照时限抓紧推进，并于{reply}前将办理进展（已办结的附佐证材料）书面反馈{issuer}。"
)
REMIND_TEXT_HEAD = "【{title}】{unit}："
REMIND_TEXT_INTRO = "截至{as_of}，你单位有 {n} 项任务逾期或临近到期："
REMIND_TEXT_TASK = "{title}（{ref}），时限{due}，{when}"
REMIND_TEXT_TIMES = "，已催办 {n} 次"
REMIND_TEXT_REPLY = "请抓紧推进，并于{reply}前反馈办理进展。"
REMIND_TEXT_SIGN = "{issuer}  {date}"
REMIND_SAVED = "已写入 {path}（{n} 个单位的督办通知单）"
REMIND_SAVED_SPLIT = "已写入 {n} 份督办通知单到文件夹 {folder}"
REMIND_NO_UNIT_LEFT_OUT = "注：{n} 项任务未明确责任单位，没有写入通知单。"
REMIND_FILE_FALLBACK = "单位"
REMIND_RECORDED = "已记录 {id}：{task} {what}（{date}，{by}）"
REMIND_WOULD_RECORD = "将记录：{task} {what}（{date}，{by}）"
REMIND_ALREADY = "{task} 已在 {date} 记过催办，不再重复记录。"
REMIND_DRY_RUN_DONE = "（--dry-run：以上催办没有写入日志。）"
DESC_STATUS = "状态改为{status}"
DESC_UNDO = "撤销记录 {id}"

# -- dates -----------------------------------------------------------------------------------
DATE_FULL = "{year}年{month}月{day}日"
DATE_MONTH_DAY = "{month}月{day}日"
DATE_YEAR_PREFIX = "{year}年{text}"
WORD_PARAMETER = "参数"

# -- table headings --------------------------------------------------------------------------
COL_ID = "编号"
COL_TASK = "任务"
COL_LEADERS = "责任领导"
COL_ASSIGNEES = "承办人"
COL_STATUS = "状态"
COL_DUE = "时限"
COL_LAST_NOTE = "最新进展"
COL_DATE = "日期"
COL_EVENT = "记录"
COL_WHAT = "内容"
COL_BY = "记录人"
COL_NAME = "名称"
COL_TOTAL = "任务数"
COL_DONE = "已完成"
COL_RATE = "完成率"
COL_PROGRESS = "进度"

# -- list / show -----------------------------------------------------------------------------
LIST_CAPTION = "共 {shown} 项任务（全部 {total} 项），截至 {as_of}"
LIST_MORE = "；另有 {more} 项符合条件的任务未显示（--limit）"
LIST_EMPTY = "没有符合条件的任务（全部 {total} 项），截至 {as_of}。"
SHOW_ACTION = "专项行动"
SHOW_TEXT = "内容"
SHOW_DUE = "完成时限"
SHOW_STATE = "当前状态"
SHOW_DONE_ON = "完成日期"
SHOW_HISTORY = "记录"
SHOW_NO_HISTORY = "还没有任何记录。"
SHOW_AS_OF = "截至 {as_of}"
NOBODY = "（未指定）"
ASSIGN_SUMMARY_ADD = "增加 {names}"
ASSIGN_SUMMARY_REMOVE = "移除 {names}"
EVENT_UNDONE = "（已撤销）"

# -- write confirmations -------------------------------------------------------------------
RECORDED = "已记录 {id}：{task} {what}（{date}，{by}）"
UNDONE = "已撤销 {id}：{task} {what}（原记录 {date}，{by}）"

# -- log -----------------------------------------------------------------------------------
LOG_EMPTY = "日志是空的：还没有任何记录。"
LOG_CAPTION = "共 {n} 条记录，最新的在前"
LOG_PLAN_WIDE = "（全部）"

# -- report ----------------------------------------------------------------------------------
REPORT_TITLE = "{year}年{month}月工作进展"
REPORT_AS_OF = "{plan}，截至 {as_of}"
REPORT_SUMMARY = (
    "共 {total} 项任务：已完成 {done} 项，推进中 {doing} 项，未启动 {todo} 项，暂缓 {paused} 项；"
    "完成率 {rate}。"
)
REPORT_OVERDUE_COUNT = "月底逾期 {n} 项。"
REPORT_BY_ACTION = "分专项行动"
REPORT_BY_ROLE = "分{word}"  # 分责任领导, 分责任科室, 分牵头单位
REPORT_BY_ROLE_FEN = "按{word}"  # a word that starts with 分 (分管领导): not 分分管领导
REPORT_DONE_IN_MONTH = "本月完成"
REPORT_NOTES_IN_MONTH = "本月进展"
REPORT_OVERDUE = "月底逾期"
REPORT_NOT_STARTED = "尚未启动"
REPORT_NONE = "无"
REPORT_FILE_HINT = "xjc report --month {month} --year {year} -o 月报.docx"
REPORT_MORE = "另有 {n} 项未列出；完整名单见 {hint}"

# -- the report's and ledger's words -------------------------------------------------------------
REPORT_OUTSIDE_PLAN = (
    "{year}年{month}月不在方案的起止时间（{first}至{last}）内；月报照常生成，请确认月份和年份。"
)
REPORT_STATUS_CHANGED = "状态改为{status}"
REPORT_PAUSED = "暂缓"
REPORT_COL_OWNER_ROLES = ("科室", "承办人")  # the owners column's heading, by role
REPORT_OWNER = "{role}：{names}"
REPORT_PROBLEMS_PAUSED = "（{cn}）暂缓{n}项。"
REPORT_PROBLEMS_NO_TASKS = "截至月底，没有逾期、暂缓或尚未启动的任务。"
REPORT_PROBLEM_TASK = "{id} {title}（{owners}）。"
REPORT_DUE = "完成时限：{due}"
REPORT_NEXT_TASK = "任务{id}“{title}”，{status}，完成时限{due}{owners}。"
LEDGER_REMARK_DONE_LATE = "{date}完成，逾期完成（超出时限 {n} 个工作日）"
LEDGER_REMARK_DONE_LATE_NONE = "{date}完成，逾期完成（超出时限不足 1 个工作日）"

# -- check ---------------------------------------------------------------------------------
CHECK_OK = "正常"
CHECK_PROBLEM = "问题"
CHECK_NOTE = "提示"
CHECK_PLAN_OK = "方案文件 {path}：{tasks} 项任务，加载正常。"
CHECK_JOURNAL_NONE = "日志 {path}：还没有任何记录。"
CHECK_JOURNAL_OK = "日志 {path}：{events} 条记录，{size} 字节。"
CHECK_BAD_LINE = (
    "日志第 {line} 行已损坏（{problem}）；在修复或移走这一行之前，xjc 不会读写这个日志。"
)
CHECK_TORN_TAIL = (
    "日志末尾有 {n} 字节不完整的记录（上次写入被中断，从未确认）；下次写入时会移到 .torn 文件。"
)
CHECK_TORN_FILE = "{path} 里存有以前被中断的不完整记录，核对后可以删除。"
CHECK_UNKNOWN_TASK = "记录 {id} 针对任务 {task}，但方案里没有这个任务（方案的编号是否改过？）。"
CHECK_MISSING_TARGET = "撤销记录 {id} 所撤销的记录不在日志里。"
CHECK_DUPLICATES = "有 {n} 条记录重复出现（多半是合并造成的），重放时每条只算一次。"
CHECK_SUMMARY_OK = "检查完毕：一切正常。"
CHECK_SUMMARY_BAD = "检查完毕：发现 {n} 处问题。"

# -- hostile text: control characters and injection --------------------------------------
# ({char} is the character's visible escape, such as \x1b or \u202e)
ERR_ARG_CONTROL = (
    "命令行参数“{given}”含有控制字符 {char}，终端会把它当作指令执行；"
    "请删去这个字符后重新输入（进展内容可以换行）。"
)
ERR_BY_CONTROL = (
    "记录人“{given}”含有控制字符或换行 {char}；"
    "记录人应是一个名字，请用 --by 或环境变量 XJC_USER 给出不含控制字符的名字。"
)
PLAN_CONTROL = "含有控制字符 {char}，请删去这个字符"
ERR_SHEET_CONTROL = (
    "{path} 第 {row} 行的“{column}”含有控制字符 {char}，没有收集任何内容；"
    "请删去这个字符后再收集（单元格内换行请用 Alt+Enter）。"
)

# -- help texts ------------------------------------------------------------------------------
HELP_APP = "xjc：实施方案任务台账。跟踪每项任务的责任领导、责任科室、承办人、状态和进展，生成月报。"
HELP_LIST = "列出任务（台账），可按领导、科室、专项行动、状态、承办人筛选。"
HELP_SHOW = "显示一项任务的全部内容、当前状态和记录。"
HELP_ASSIGN = "指定或移除任务的承办人。"
HELP_MARK = "更新任务状态（未启动、推进中、已完成、暂缓），或只记一条进展。"
HELP_DONE = "把任务标记为已完成。"
HELP_REOPEN = "重新打开已完成的任务（状态改为推进中）。"
HELP_UNDO = "撤销最近一条记录，或撤销指定编号的记录（追加一条撤销记录，原记录保留）。"
HELP_LOG = "查看记录日志，最新的在前。"
HELP_CHECK = "检查方案文件和日志是否完好：损坏的行、中断的写入、方案里没有的任务；在办公室文件夹里检查每个方案和设置.yaml，并提示可能是同一人或同一单位的不同写法。"
HELP_REPORT = "月报：某月月底的进展情况，以及当月完成的任务和进展。"

HELP_OPT_HELP = "显示本帮助并退出。"
HELP_HEADING_COMMANDS = "命令"
# -- help screens ------------------------------------------------------------------------------
HELP_HEADING_USAGE = "用法"
HELP_HEADING_OPTIONS = "选项"
HELP_HEADING_ARGUMENTS = "参数"
HELP_HEADING = "{heading}："  # a heading of a help screen, and the usage line's prefix
HELP_REQUIRED = "必填"  # after an argument or option that must be given: [必填]
HELP_DEFAULT = "默认：{value}"
HELP_ENVVAR = "环境变量：{value}"
HELP_OPT_LOG_LIMIT = "只显示最新的 N 条记录。"
LOG_MORE = "；另有 {more} 条较早的记录未显示（--limit）"
HELP_OPT_VERSION = "显示版本号。"
HELP_OPT_PLAN = "只看一个方案：方案文件（YAML），或办公室文件夹里方案的简称（开头几个字或拼音也可）。默认依次取环境变量 XJC_PLAN、所在办公室文件夹（xjc init 建立）的全部方案、内置的 2023 年方案。"
HELP_OPT_JSON = "输出 JSON，供脚本使用。"
HELP_OPT_DATE = "生效日期，如 2023-03-20；默认今天。"
HELP_OPT_BY = "记录人；不写时依次取环境变量 XJC_USER、git 的 user.name、登录名。"
HELP_OPT_NOTE = "进展情况。"
HELP_OPT_LEADER = "责任领导（全名、开头几个字或拼音）。"
HELP_OPT_SECTION = "责任科室（“各科室”的任务属于每个科室）。"
HELP_OPT_ACTION = "专项行动编号，如 2。"
HELP_OPT_STATUS = "状态：未启动/todo、推进中/doing、已完成/done、暂缓/paused，或 open（未完成）、overdue（逾期）、待审核/pending、已销号/verified（要求办结审核的方案）。"
HELP_OPT_ASSIGNEE = "承办人。"
HELP_OPT_LIMIT = "最多显示多少项任务（大方案里只看前几项时更快）。"
ERR_LIMIT = "--limit 的值 {given} 无效；请写一个正整数，如 20。"
HELP_OPT_AS_OF = "截至日期，如 2023-03-15；默认今天。"
HELP_ARG_TASK = "任务编号，如 2.3。"
HELP_ARG_NAMES = "承办人姓名，可写多个。"
HELP_OPT_REMOVE = "移除的承办人。"
HELP_ARG_STATUS = "新状态：未启动/todo、推进中/doing、已完成/done、暂缓/paused。"
HELP_ARG_EVENT = "要撤销的记录编号（xjc log 里的前几位即可）；默认最近一条。"
HELP_OPT_MONTH = "月份，1–12。"
HELP_OPT_YEAR = "年份；默认方案所在年份。"

# -- errors ------------------------------------------------------------------------------------
ERR_NO_TASK = "没有编号为 {given} 的任务；现有任务 {valid}。"
ERR_TASK_ID_FORM = (
    "任务编号 {given} 的写法不对；应写作“专项行动.序号”，如 2.3（现有任务 {valid}）。"
)
ERR_STATUS = "不认识状态 {given}；可用的状态有 {valid}。"
ERR_LIST_STATUS = "不认识状态 {given}；可用的有 {valid}。"
ERR_FUTURE_DATE = (
    "生效日期 {given} 在今天（{today}）之后；记录的是已经发生的事，请写今天或以前的日期。"
)
ERR_DATE = "日期 {given} 无效；请写成 2023-03-20 这样的年-月-日。"
ERR_MONTH = "月份 {given} 无效；请写 1 到 12 之间的整数。"
ERR_YEAR = "年份 {given} 无效；请写四位数的年份，如 2023。"
ERR_ACTION = "没有编号为 {given} 的专项行动；现有专项行动 {valid}。"
ERR_NAME_UNKNOWN = "没有叫 {given} 的{role}；可选的有 {candidates}。"
ERR_NAME_AMBIGUOUS = "{role} {given} 不明确，可能是 {candidates}；请写得更完整。"
ERR_EMPTY_NAME = "承办人姓名不能为空；请写出姓名，如 xjc assign 2.3 张三。"
ERR_NO_ASSIGN_CHANGE = (
    "没有指定要增加或移除的承办人；例如 xjc assign 2.3 张三 或 xjc assign 2.3 --remove 张三。"
)
ERR_NOT_ASSIGNED = "{name} 不是任务 {task} 的承办人；现有承办人：{current}。"
ERR_ALREADY_ASSIGNED = "{names} 已是任务 {task} 的承办人，无需重复指定。"
ERR_NOTHING_TO_MARK = "请给出新状态或 --note 进展，例如 xjc mark 2.3 推进中 --note 已召开座谈会。"
ERR_SAME_STATUS = "任务 {task} 已经是“{status}”；如要记录进展，请加 --note。"
ERR_ALREADY_DONE = "任务 {task} 已完成（{date}）；如需改动，请先 xjc reopen {task}。"
ERR_NOT_DONE = "任务 {task} 尚未完成（当前“{status}”），无需重新打开。"
ERR_EMPTY_NOTE = "进展内容不能为空；请在 --note 后写上进展情况。"
ERR_NOTHING_TO_UNDO = "日志里没有可撤销的记录。"
ERR_NO_EVENT = "没有编号以 {given} 开头的记录；请用 xjc log 查看记录编号。"
ERR_EVENT_AMBIGUOUS = "记录编号 {given} 不唯一（{candidates}）；请多写几位。"
ERR_ALREADY_UNDONE = "记录 {given} 已被撤销，无需再撤销。"
ERR_USAGE = "命令写法不对（{detail}）；用法请看 {hint}。"
ERR_NO_SUCH_COMMAND = "没有命令 {given}；可用的命令有 {valid}。"
ERR_NO_SUCH_OPTION = "没有选项 {given}；用法请看 {hint}。"
ERR_MISSING = "缺少{what}；用法请看 {hint}。"
ERR_BAD_VALUE = "{what} 的值无效（{detail}）；用法请看 {hint}。"
ERR_EXTRA_ARGS = "多了参数 {given}；用法请看 {hint}。"
ERR_ABORTED = "已取消。"
ERR_ARG_ENCODING = (
    "命令行参数 {given} 含有不是 UTF-8 编码的字节（终端或文件名可能是 GBK 编码）；"
    "请把终端的编码设为 UTF-8 后重新输入，文件名请改用 UTF-8 重新命名。"
)
ERR_LOCKED = "有人正在写入日志 {path}，{seconds} 秒内没有等到；请稍后重试。"
ERR_PLAN_MISSING = "找不到方案文件 {path}；请用 --plan 指定一个存在的 YAML 文件。"
ERR_PLAN_UNREADABLE = "无法读取方案文件 {path}（{reason}）；请检查文件权限。"
ERR_PLAN_ENCODING = "方案文件 {path} 不是 UTF-8 编码；请另存为 UTF-8 后再试。"
ERR_PLAN_TOO_BIG = "方案文件 {path} 有 {size} 字节，超过上限 {limit} 字节；请检查是否选错了文件。"
ERR_PLAN_AT = "方案文件 {path} 第 {line} 行第 {column} 列{key}：{problem}。"
ERR_PLAN_MORE = "（另有 {n} 处问题）"
ERR_JOURNAL_LINE = (
    "日志 {path} 第 {line} 行已损坏（{problem}）；请修复或移走该行后再试，其余记录未作改动。"
)
ERR_JOURNAL_UNREADABLE = "无法读取日志 {path}（{reason}）；请检查文件权限。"
ERR_JOURNAL_UNWRITABLE = "无法写入日志 {path}（{reason}）；请检查文件夹是否可写。"
JOURNAL_NOT_JSON = "不是一个完整的 JSON 对象"
JOURNAL_MISSING_FIELD = "缺少字段 {field}"
JOURNAL_LONE_SURROGATE = "含有无效的字符转义：单独的 \\ud800–\\udfff 不是完整的字符"
JOURNAL_BAD_FIELD = "字段 {field} 的值 {value} 无效"
JOURNAL_CONFLICT_MARKER = "git 冲突标记；请在方案文件夹里运行 xjc init，让日志按行合并"
WARN_TORN = "警告：日志 {path} 末尾有一行不完整的记录（上次写入被中断），已移到 {torn}。"

# plan problems (the part after the colon in ERR_PLAN_AT)
PLAN_KEY = "「{key}」"
PLAN_UNKNOWN_KEY = "未知的键「{key}」，可用的键有 {valid}"
PLAN_MISSING_KEY = "缺少「{key}」"
PLAN_EMPTY = "不能为空"
PLAN_NOT_INT = "应为正整数，现在是“{value}”"
PLAN_NOT_DATE = "“{value}”不是有效日期，应写成 2023-03-31 这样的年-月-日"
PLAN_NOT_TEXT = "应为文字"
PLAN_NOT_LIST = "应为列表"
PLAN_NOT_MAPPING = "应为“键: 值”的映射"
PLAN_INVALID = "取值无效（{detail}）"
PLAN_PERIOD_ORDER = "结束日期 {end} 早于开始日期 {start}"
PLAN_DUP_ACTION = "专项行动编号 {n} 重复"
PLAN_DUP_TASK = "任务编号 {id} 重复"
PLAN_UNKNOWN_LEADER = "{name} 不在人员名单的责任领导中；名单里有 {valid}"
PLAN_UNKNOWN_SECTION = "{name} 不在人员名单的科室中；名单里有 {valid}（或写“各科室”）"
PLAN_DUP_KEY = "键「{key}」重复出现（第 {first} 行已有）"
PLAN_YAML = "不是有效的 YAML（{detail}）"
# what the YAML parser says (in English) → what a person is told
YAML_PROBLEMS = {
    "mapping values are not allowed": "这里不能出现“键: 值”，可能是缩进不对或值里有未加引号的冒号",
    "cannot start any token": "有不能出现在这里的字符，例如用制表符缩进（请改用空格）",
    "could not find expected ':'": "缺少冒号",
    "did not find expected key": "缩进没有对齐",
    "did not find expected '-' indicator": "列表项缩进没有对齐",
    "found unexpected end of stream": "文件意外结束，可能有引号或括号没有闭合",
    "found unclosed": "有引号或括号没有闭合",
    "unacceptable character": "含有不允许的控制字符",
    "exceeded maximum nesting depth": "嵌套层数太深",
    "expected ',' or ']'": "方括号列表没有闭合",
    "expected ',' or '}'": "花括号映射没有闭合",
}
PLAN_ALIAS = "不支持 YAML 的锚点和别名（& 与 *），请把内容直接写出"
PLAN_TAG = "不支持 YAML 标签 {tag}"
PLAN_KEY_NOT_SCALAR = "键必须是文字"
PLAN_MULTI_DOC = "文件里有多个 YAML 文档（--- 分隔），一个方案文件只能有一个"
PLAN_TOO_DEEP = "嵌套层数超过 {limit} 层"
PLAN_SHORT_NAME = (
    "简称“{value}”里不能有冒号或空格（任务写作“简称:2.3”）；请改成如“下基层”这样的短名"
)
PLAN_YES_NO = "应写“是”或“否”，现在是“{value}”"
PLAN_ROLE_TWICE = "同一任务里既写了“{first}”又写了“{second}”，两者是同一种责任；请合并成一个"
PLAN_ROLE_WORD = "本方案已用“{plan}”，这里又写作“{word}”；同一方案里同一种责任请用同一个词"
PLAN_NOT_DOCUMENT = "文件应是一个“键: 值”映射，以“标题:”等键开头"

# names of roles in lenient matching
ROLE_LEADER = "责任领导"
ROLE_SECTION = "科室"
ROLE_ASSIGNEE = "承办人"

# =======================================================================================# -- files for the office: export (台账), report files (月报), collect -------------------------
# ==============================================================================================

# ledger columns, in order (the xlsx, csv and md ledgers)
LEDGER_SEQ = "序号"
LEDGER_ACTION = "专项行动"
LEDGER_TASK = "任务"
LEDGER_LEADERS = "责任领导"
LEDGER_SECTIONS = "责任科室"
LEDGER_ASSIGNEES = "承办人"
LEDGER_DUE = "完成时限"
LEDGER_STATUS = "状态"
LEDGER_NOTE = "进展情况"
LEDGER_REMARK = "备注"
LEDGER_ID = "编号"  # the hidden column with the task id
LEDGER_TITLE = "{year}年{subject}工作台账"
LEDGER_SUBTITLE = "截至 {as_of}"
LEDGER_FILTERS = "（{filters}）"
LEDGER_FILTER_STATUS = {"open": "未完成", "overdue": "逾期"}
LEDGER_ACTION_LABEL = "{number}. {name}"
LEDGER_REMARK_DONE = "{date}完成"
LEDGER_REMARK_DUE_SOON = "还剩{days}天"
LEDGER_REMARK_DUE_TODAY = "今日到期"
LEDGER_REMARK_NOTE = "进展记于{date}（{by}）"
LEDGER_FOOTER = "第 &P 页，共 &N 页"
LEDGER_SHEET = "台账"
LEDGER_VALIDATION_TITLE = "状态"
LEDGER_VALIDATION_PROMPT = "请从列表中选择：{choices}"
LEDGER_VALIDATION_ERROR = "状态只能是 {choices} 之一。"
# the hidden identity sheet
ID_SHEET_PLAN = "方案"
ID_SHEET_DIGEST = "方案文件指纹"
ID_SHEET_AS_OF = "截至"
ID_SHEET_VERSION = "格式版本"
ID_SHEET_BASE = "导出时的内容（xjc collect 据此判断哪些单元格被改过，请勿修改）"

# report files
REPORT_FILE_TITLE = "{year}年{month}月{subject}工作进展情况"
REPORT_FILE_SUBJECT_SUFFIXES = ("工作实施方案", "实施方案", "工作方案", "方案", "活动", "工作")
REPORT_FILE_SUBTITLE = "（截至{year}年{month}月{day}日）"
REPORT_H_OVERVIEW = "一、总体情况"
REPORT_H_ACTIONS = "二、分项进展"
REPORT_H_PROBLEMS = "三、存在问题"
REPORT_H_NEXT = "四、下步打算"
REPORT_H_ACTION = "（{cn}）{name}"
REPORT_OVERVIEW = (
    "《{plan}》确定{actions}个专项行动、{total}项任务。截至{as_of}，已完成{done}项，"
    "推进中{doing}项，未启动{todo}项，暂缓{paused}项，完成率{rate}。"
)
REPORT_OVERVIEW_MONTH = "本月完成{done}项，记录进展{notes}条。"
REPORT_OVERVIEW_OVERDUE = "逾期未完成{n}项。"
REPORT_OVERVIEW_NO_OVERDUE = "没有逾期未完成的任务。"
REPORT_OVERVIEW_ACTIONS = "分专项行动看，"
REPORT_OVERVIEW_ACTION = "“{name}”{total}项中已完成{done}项，完成率{rate}"
REPORT_COL_TASK = "任务"
REPORT_COL_STATE = "状态"
REPORT_COL_MONTH = "本月进展"
REPORT_STATE_DONE = "已完成（{date}）"
REPORT_STATE_OVERDUE = "{status}，逾期"
REPORT_MONTH_NOTE = "{date}：{text}"
REPORT_NO_MONTH_NOTE = "本月无新进展"
REPORT_PROBLEMS_OVERDUE = "（{cn}）逾期未完成{n}项。"
REPORT_PROBLEMS_NOT_STARTED = "（{cn}）尚未启动{n}项。"
REPORT_NEXT_INTRO = "下一步，对尚未完成的{n}项任务逐项跟踪督办，确保按时限完成："
REPORT_NEXT_NONE = "全部任务已完成。下一步做好总结，巩固活动成果。"
REPORT_CHART_ACTIONS = "分专项行动进度"
REPORT_CHART_UNITS = "分{word}进度"
REPORT_CHART_LEGEND = "图例"
REPORT_HTML_GENERATED = "由 xjc 生成"
CN_NUMERALS = "〇一二三四五六七八九十"

# confirmations
EXPORTED = "已导出台账 {path}：{n} 项任务，截至 {as_of}。"
REPORT_WRITTEN = "已生成月报 {path}。"
COLLECT_PREVIEW = "从 {path} 收回的改动（共 {n} 处）："
COLLECT_NOTHING = "{path} 与当前台账一致（或没有改过的单元格），无需记录。"
COLLECT_DONE = "已记录 {n} 条：{ids}。"
COLLECT_DRY_RUN = "（试运行：以上改动均未写入；去掉 --dry-run 即可记录。）"
COLLECT_COL_ROW = "行"
COLLECT_COL_TASK = "任务"
COLLECT_COL_FIELD = "项目"
COLLECT_COL_BEFORE = "原来"
COLLECT_COL_AFTER = "改为"
COLLECT_FIELD_STATUS = "状态"
COLLECT_FIELD_ASSIGNEES = "承办人"
COLLECT_FIELD_NOTE = "进展情况"
COLLECT_EMPTY = "（空）"

# help
HELP_EXPORT = "导出台账为 Excel（.xlsx）、CSV（.csv）、Markdown（.md）或 JSON（.json）文件，格式由扩展名决定。"
HELP_COLLECT = "收回科室填好的 Excel 台账：对比当前状态，先列出改动，再记入日志。"
HELP_ARG_EXPORT_FILE = "输出文件，如 台账.xlsx；已有的同名文件会被替换。"
HELP_ARG_SHEET = "科室交回的台账（xjc export 导出的 .xlsx）。"
HELP_OPT_REPORT_OUTPUT = "把月报写成文件：Word（.docx）、Markdown（.md）或网页（.html）。"
HELP_OPT_DRY_RUN = "只列出将要记录的改动，不写入。"
HELP_OPT_COLLECT_DATE = "记录的生效日期，如 2023-03-20；默认今天。"

# errors
ERR_FORMAT = "不支持扩展名为“{given}”的{what}文件；支持的有 {valid}。"
ERR_FORMAT_LEDGER = "台账"
ERR_FORMAT_REPORT = "月报"
ERR_OUTPUT_DIR = "无法写入 {path}：文件夹 {folder} 不存在；请先建好文件夹或换个位置。"
ERR_OUTPUT_UNWRITABLE = "无法写入 {path}（{reason}）；请检查文件夹是否可写、文件是否正被打开。"
ERR_REPORT_JSON_AND_FILE = (
    "--json 与 -o/--output 不能同时使用；要文件请用 -o，要 JSON 请用 --json。"
)
ERR_SHEET_MISSING = "找不到台账文件 {path}；请给出 xjc export 导出、科室填好的 .xlsx 文件。"
ERR_SHEET_NOT_XLSX = (
    "{path} 不是可读的 Excel（.xlsx）文件（{reason}）；请交回 xjc export 导出的 .xlsx 台账。"
)
ERR_SHEET_OTHER_FORMAT = "{path} 是 {ext} 文件，xjc collect 只读 Excel 的 .xlsx 台账；请在 Excel 或 WPS 里打开它，“另存为” .xlsx 后再收回（最好直接交回 xjc export 导出的 .xlsx）。"
ERR_SHEET_NO_IDENTITY = (
    "{path} 里没有 xjc 的方案标识，不是 xjc export 导出的台账；请用 xjc export 重新导出后再填。"
)
ERR_SHEET_OTHER_PLAN = "{path} 是方案《{sheet_plan}》的台账，不是当前方案《{plan}》的；请用 --plan 指定对应的方案文件。"
ERR_SHEET_PLAN_CHANGED = (
    "{path} 是按另一版《{plan}》方案文件导出的（方案文件已改动）；请用 xjc export 重新导出后再填。"
)
ERR_SHEET_NO_HEADER = "{path} 工作表“{sheet}”第 {row} 行应是表头（含 {columns} 等列），但找不到表头；请恢复表头行后再交回。"
ERR_SHEET_HEADER_MISSING = "{path} 第 {row} 行的表头缺少“{column}”列；请恢复该列的表头后再交回。"
ERR_SHEET_NO_TASK_ID = "{path} 第 {row} 行没有任务编号（隐藏的“编号”列为空）；新增的行请删掉，任务请用 xjc 添加到方案里。"
ERR_SHEET_UNKNOWN_TASK = "{path} 第 {row} 行的任务编号 {given} 在方案中不存在；现有任务 {valid}。"
ERR_SHEET_DUP_TASK = "{path} 第 {row} 行的任务 {task} 与第 {first} 行重复；每项任务只能有一行。"
ERR_SHEET_STATUS = "{path} 第 {row} 行的状态“{given}”无法识别；应为 {valid} 之一。"


# -- working as a team: init, sync, who recorded, concurrent changes ---------------------------
HELP_INIT = (
    "建立一个可以共享的办公室文件夹：plans/ 里放各个方案和它们的日志，日志按行合并，可用 git 同步。"
)
HELP_ARG_INIT_DIR = "文件夹；默认当前文件夹。"
HELP_OPT_INIT_PLAN = "放进文件夹的方案文件；默认内置的 2023 年方案。"
HELP_SYNC = "同步：提交各方案的日志（和新加的方案），拉取同事的记录并合并，再推送上去。"
HELP_OPT_SYNC_DRY_RUN = "只说明将要做什么，不提交、不拉取、不推送。"

INIT_CREATED = "已建立 {path}"
INIT_EXISTS = "已存在 {path}，未改动"
INIT_UPDATED = "已补充 {path}"
INIT_JOURNAL_COPIED = "已把原有的 {n} 条记录复制到 {path}"
INIT_GIT_NEW = "已在 {folder} 建立 git 仓库并完成第一次提交"
INIT_GIT_INSIDE = "{folder} 已在 git 仓库 {repo} 里；请把新文件提交进去"
INIT_NO_GIT = "这台电脑没有安装 git：文件夹可以直接使用，也可以用 xjc export / xjc collect 交换台账"
INIT_NEXT = "之后在 {folder} 里运行 xjc 命令即可使用这个方案（xjc list、xjc sync）。"
INIT_COMMIT = "xjc：建立方案文件夹"
GITATTRIBUTES = (
    "# xjc：日志只追加，合并时保留双方的所有行；换行符一律为 LF（Windows 也不转换）\n"
    "*.journal.jsonl merge=union eol=lf\n"
    "# xjc：佐证材料按内容（SHA-256）存放，原样保存，不转换换行、不合并\n"
    "**/佐证材料/** binary\n"
)
GITIGNORE = (
    "# xjc：锁文件和中断写入的残行只在本机有意义\n*.journal.jsonl.lock\n*.journal.jsonl.torn\n"
    "**/佐证材料/.incoming.*\n"
)
MARKER = "# xjc：这个文件夹是办公室的方案文件夹，方案都放在下面这个文件夹里\n{plans}\n"
FOLDER_README = """# {title}

这个文件夹由 xjc 建立，用来跟踪《{title}》的落实情况。

- 方案文件：`{plan}`（方案的原文和分工，由办公室维护）。
- 记录日志：`{journal}`（每人每次记录追加一行，不要手工修改）。

## 常用命令（在这个文件夹里运行）

    xjc list                          # 台账
    xjc list --section 组织科          # 本科室的任务
    xjc mark 2.1 推进中 --note 已召开座谈会
    xjc done 2.1
    xjc report --month 3              # 月报
    xjc sync                          # 与同事同步（提交、拉取、推送）

## 多人协作

每个人在自己的电脑上克隆这个文件夹，各自记录，然后运行 `xjc sync`。
日志按行合并（见 `.gitattributes`），不会丢失任何人的记录。
没有 git 的科室可以用 `xjc export 台账.xlsx --section 本科室` 领取表格，
填好后交回办公室，由办公室 `xjc collect 台账.xlsx` 收回。
"""

SYNC_COMMIT = "xjc：{by} 记录了 {n} 条变更"
SYNC_DRY_COMMIT = "将提交 {n} 条新记录（{files}）"
SYNC_DRY_NOTHING = "没有需要提交的新记录"
SYNC_DRY_PULL = "将从 {remote} 拉取同事的记录并合并，再推送到 {remote}"
SYNC_DRY_NO_REMOTE = "没有远程仓库：只会在本地提交"
SYNC_COMMITTED = "已提交 {n} 条新记录"
SYNC_NOTHING = "本地没有新记录需要提交"
SYNC_PULLED = "已拉取并合并，收到同事的 {n} 条新记录"
SYNC_UP_TO_DATE = "远程没有新的记录"
SYNC_PUSHED = "已推送到 {remote}"
SYNC_NO_REMOTE = (
    "没有远程仓库，记录只保存在本机；要与同事共享，请先添加远程仓库（git remote add origin 地址）"
)
SYNC_CONFLICT_MARK = "（多人同日改动，以此为准）"
SYNC_LOST_MARK = "（多人同日改动，被后一条覆盖）"

ERR_SYNC_BUNDLED = "内置方案的日志不在 git 仓库里，无法同步；请先用 xjc init 建立一个方案文件夹，再在里面运行 xjc sync。"
ERR_NO_GIT = (
    "这台电脑没有安装 git，无法同步；请安装 git，或改用 xjc export / xjc collect 交换台账。"
)
ERR_NOT_REPO = "{folder} 不在 git 仓库里，无法同步；请先运行 xjc init {folder}。"
ERR_NO_UNION = "git 还不知道日志 {journal} 要按行合并，同步可能产生冲突；请先在方案文件夹里运行 xjc init 补上 .gitattributes。"
ERR_SYNC_NETWORK = (
    "连不上远程仓库 {remote}（{detail}）；本地记录已提交，没有丢失，请联网后再运行 xjc sync。"
)
ERR_SYNC_CONFLICT = "合并时这些非日志文件有冲突：{files}；已撤回这次合并，本地记录没有丢失，请找维护方案文件的同事处理后再同步。"
ERR_SYNC_DIRTY = "本地有未提交的改动会被同事的更新覆盖（{files}）；请先提交或撤销这些改动（日志已提交，没有丢失）。"
ERR_SYNC_PUSH = (
    "推送到 {remote} 失败（{detail}）；本地记录已提交并已合并，没有丢失，请稍后再运行 xjc sync。"
)
ERR_SYNC_GIT = "git {step} 失败（{detail}）；本地记录没有丢失。"
ERR_INIT_NOT_DIR = "{path} 已存在且不是文件夹；请换一个文件夹名。"
ERR_OFFICE_UNREADABLE = "读不了方案文件夹 {path}（{reason}）；请检查文件夹的权限。"
ERR_OFFICE_TOO_MANY = (
    "方案文件夹 {path} 里的方案文件超过 {limit} 个；请把用不着的方案移出这个文件夹。"
)
ERR_OFFICE_EMPTY = "方案文件夹 {path} 里还没有方案；请用 xjc import 文档 导入一个方案。"
ERR_SHORT_TWICE = "方案 {first} 和 {second} 的简称都是“{short}”；请修改其中一个方案文件里的“简称”。"
ERR_SETTINGS = "设置文件 {path} 有问题：{problem}；请改正，或删除这个文件。"
SETTINGS_TOO_BIG = "文件太大"
SETTINGS_UNREADABLE = "读不了（不是普通文件或没有权限）"
SETTINGS_NOT_YAML = "不是 UTF-8 的 YAML"
SETTINGS_KEYS = "只能有“已归档”和“人员别名”两个键"
SETTINGS_ALIASES = "“人员别名”应写成“标准名: [别名, 别名]”"
SETTINGS_NOT_NAMES = "名字应是不含控制字符的文字，或文字的列表"
SETTINGS_ALIAS_TWICE = "“{name}”在“人员别名”里归到了两个不同的名字下"
SETTINGS_HEADER = """# xjc 办公室设置（由 xjc 维护，也可以手工修改）
# 已归档: 已完成、不再在默认视图里显示的方案的简称
# 人员别名: 标准名: [别名, …]，例如 组织科: [市委组织部组织科]"""
ROLE_PLAN = "方案"
CHECK_EVIDENCE_OK = "佐证材料 {n} 份，逐一核对了内容（SHA-256），都在且未被改动。"
ERR_EVENT_IN_PLANS = (
    "记录编号 {given} 在几个方案的日志里都有（{plans}）；请多写几位编号，或用 --plan 指定方案。"
)
IMPORT_NEXT_OFFICE = "已加入办公室文件夹，简称“{short}”（可在方案文件里写“简称: …”改成更短的名字）。查看任务：xjc list --plan {short}"
HELP_PLANS = "列出办公室文件夹里的全部方案（简称、标题、期间、任务数、完成率、逾期、是否归档）；xjc plans archive 简称 归档一个已完成的方案，xjc plans restore 简称 恢复。"
HELP_ARG_PLANS_ACTION = "archive（归档）或 restore（恢复）；不写则列出方案。"
HELP_ARG_PLANS_NAME = "要归档或恢复的方案的简称（也可写开头几个字或拼音）。"
ERR_PLANS_ACTION = (
    "不认识的操作“{given}”；请写 archive（归档）或 restore（恢复），或不写，列出方案。"
)
ERR_PLANS_NAME = "请写出要{action}的方案的简称，如 xjc plans {action_en} 下基层。"
COL_PLAN_SHORT = "简称"
COL_PLAN_TITLE = "方案"
COL_PLAN_PERIOD = "期间"
COL_PLAN_TASKS = "任务"
COL_PLAN_RATE = "完成率"
COL_PLAN_OVERDUE = "逾期"
COL_PLAN_STATE = "状态"
PLAN_ARCHIVED = "已归档"
PLAN_ACTIVE = "进行中"
PLANS_SUMMARY = "共 {n} 个方案，{active} 个进行中。"
PLANS_HINT = "任务写作“简称:编号”，如 下基层:2.3；--plan 简称 只看一个方案。"
PLANS_OUTSIDE = "这里不是办公室文件夹；xjc init 文件夹 建立一个，再用 xjc import 导入方案。"
PLAN_ARCHIVED_NOW = "已归档方案 {short}（{title}）：不再出现在默认视图里，用 --plan {short} 仍可查看；xjc plans restore {short} 恢复。"
PLAN_RESTORED_NOW = "已恢复方案 {short}（{title}）。"
ACTION_ARCHIVE = "归档"
ACTION_RESTORE = "恢复"
# the ledger across the plans of an office folder (export 台账.xlsx / collect)
ID_SHEET_SHEET = "工作表"
LEDGER_SUMMARY_SHEET = "汇总"
LEDGER_SUMMARY_TITLE = "工作台账汇总"
LEDGER_SUMMARY_SUBTITLE = "共 {n} 个方案、{tasks} 项任务；"
LEDGER_SUMMARY_PLANS = "一、分方案完成情况"
LEDGER_SUMMARY_UNITS = "二、分单位完成情况（按责任科室、牵头单位计，配合单位不计）"
LEDGER_SUMMARY_NO_UNITS = "（没有任务写明责任科室或牵头单位。）"
LEDGER_SUM_SHORT = "简称"
LEDGER_SUM_TITLE = "方案名称"
LEDGER_SUM_TASKS = "任务数"
LEDGER_SUM_DONE = "已完成"
LEDGER_SUM_OVERDUE = "逾期"
LEDGER_SUM_RATE = "完成率"
LEDGER_SUM_UNIT = "单位"
LEDGER_SUM_PLANS = "涉及方案"
LEDGER_SUM_TOTAL = "合计"
LEDGER_SUM_RATE_VALUE = "{rate:.1f}%"
EXPORTED_OFFICE = "已导出台账 {path}：{plans} 个方案、{n} 项任务，截至 {as_of}。"
SHEET_WHERE = "{path} 工作表“{sheet}”"
COLLECT_SHEET_HEADING = "工作表“{sheet}”（方案《{plan}》）："
COLLECT_SHEET_NOTHING = "工作表“{sheet}”（方案《{plan}》）：没有需要记录的改动。"
COLLECT_OFFICE_PREVIEW = "从 {path} 收回的改动（{plans} 个方案，共 {n} 处）："
ERR_SHEET_NO_PLAN_SHEET = "{path} 的方案标识指向工作表“{sheet}”，但文件里没有这个工作表（改了名或删掉了？）；请把工作表名改回“{sheet}”后再交回。"
ERR_SHEET_NOT_IN_OFFICE = (
    "{path} 是方案《{sheet_plan}》的台账，本文件夹里没有这个方案；现有方案：{names}。"
)
ERR_SHEET_PLAN_TWICE = (
    "{path} 里方案《{plan}》有两个工作表（“{first}”和“{second}”）；请只保留一个后再交回。"
)
ERR_SHEET_NOT_IN_BOOK = (
    "{path} 里没有方案《{plan}》的工作表，只有 {titles}；请去掉 --plan，或指定其中的方案。"
)
COL_PLAN = "方案"
COL_UNITS = "单位"
# -- check in an office folder: every plan, 设置.yaml, one roster across the plans ---------------
CHECK_OFFICE = "办公室文件夹 {folder}：{n} 个方案{archived}。"
CHECK_OFFICE_ARCHIVED = "（其中 {n} 个已归档）"
CHECK_SECTION_PLAN = "方案 {short}{archived}"
CHECK_SECTION_ARCHIVED = "（已归档）"
CHECK_SECTION_OFFICE = "办公室文件夹"
CHECK_SECTION_SETTINGS = "设置 {path}"
CHECK_SECTION_NAMES = "跨方案的人员和单位（{n} 个名字）"
CHECK_SETTINGS_NONE = "没有设置文件：没有人员别名，也没有归档的方案。"
CHECK_SETTINGS_OK = "{aliases} 组人员别名，{archived} 个方案已归档，没有问题。"
CHECK_SETTINGS_KEY = "{file} 第 {line} 行：不认识的键“{key}”；设置文件只能有“已归档”和“人员别名”两个键，请删去或改正它。"
CHECK_ALIAS_UNUSED = "{file} 第 {line} 行：人员别名里的“{name}”没有一个方案用到；请核对写法（与方案里的一字不差），或删去它。"
CHECK_ALIAS_JOINS = "{file} 第 {line} 行：人员别名把方案 {plan} 里的{names}当成了同一个名字；若它们是不同的人或单位，请从“{name}”这一行删去多余的名字。"
CHECK_NAMES_NONE = "没有发现写法不同、可能是同一人或同一单位的名字。"
CHECK_ALIAS_SAME = "{names}可能是同一个{what}（{rule}）。"
CHECK_ALIAS_ONE_OF = "“{name}”（{plans}）可能是{names}中的一个；它们彼此不同，至多一个是“{name}”。"
CHECK_ALIAS_USE = "“{name}”（{plans}）"
CHECK_ALIAS_MANY_PLANS = "{plans}等 {n} 个方案"
CHECK_ALIAS_ADD = "若是，在 {file} 里加上："
CHECK_ALIAS_ADD_ONE = "若其中一个是，在 {file} 里加上相应的一行："
CHECK_ALIAS_CHANGE = "若是，把 {file} 里人员别名下 {keys} 的那一行换成："
CHECK_ALIAS_CHANGE_ONE = "若其中一个是，把 {file} 里人员别名下 {keys} 的那一行换成相应的一行："
CHECK_ALIAS_PERSON = "人"
CHECK_ALIAS_UNIT = "单位"
CHECK_ALIAS_RULES = {
    "form": "只是全角半角、空格或繁简不同",
    "title": "名字后面多了称呼",
    "prefix": "前面多了所属的单位",
}
CHECK_SUMMARY_NOTES = "另有 {n} 条提示（不算问题），见上。"
# -- the 月报 across an office's plans ---------------------------------------------------------
REPORT_OUTSIDE_PLANS = "{year}年{month}月不在任何一个方案的起止时间（{n} 个方案，{first}至{last}）内；月报照常生成，请确认月份和年份。"
REPORT_BY_PLAN = "分方案"
REPORT_TOTAL_ROW = "合计"
REPORT_FILE_TITLE_OFFICE = "{office}{year}年{month}月重点工作进展情况"
REPORT_FILE_SUBTITLE_OFFICE = "（{n}个方案，截至{year}年{month}月{day}日）"
REPORT_OVERVIEW_OFFICE = (
    "{office}在办方案{plans}个，共{total}项任务。截至{as_of}，已完成{done}项，推进中{doing}项，"
    "未启动{todo}项，暂缓{paused}项，完成率{rate}。"
)
REPORT_H_COUNT_BY = "（{cn}）按{word}统计"  # 按方案统计, 按责任科室统计, 按分管领导统计
REPORT_H_PLAN = "（{cn}）{title}（{short}）"
REPORT_H_PLAN_ACTION = "{n}.{name}"
REPORT_PLAN_OVERVIEW = (
    "活动期间{start}至{end}，{actions}个专项行动、{total}项任务，已完成{done}项，推进中{doing}项，"
    "未启动{todo}项，暂缓{paused}项，完成率{rate}。"
)
REPORT_PLAN_NOT_IN_MONTH = "本月不在该方案的活动期间内。"
REPORT_CHART_PLANS = "分方案进度"
ERR_TASK_PLAN_OUTSIDE = "任务 {given} 写了方案简称，但这里只有一个方案；请只写任务编号，如 2.3。"
ERR_TASK_ID_FORM_OFFICE = (
    "任务编号 {given} 的格式不对；请写成“2.3”，或带上方案简称，如“下基层:2.3”。"
)
ERR_TASK_NOWHERE = "没有一个方案有任务 {given}；现有方案：{names}。请用 xjc list 查看任务编号。"
ERR_TASK_AMBIGUOUS = "{n} 个方案都有任务 {given}：{refs}；请带上方案简称，如 {refs}中的一个。"
ERR_ARCHIVE_OUTSIDE = "只有办公室文件夹（xjc init 建立）里的方案才能归档；请先 cd 到那个文件夹。"
ERR_OFFICE_WHICH = (
    "这个文件夹里有 {n} 个方案（{names}）；这个命令一次只用一个方案，请用 --plan 简称 指定。"
)
OFFICE_TITLE = "{folder}：{n} 个方案"
# -- the assessment: xjc score (结果考评) ---------------------------------------------------
HELP_SCORE = "结果考评：考评期间内到期的任务，按科室、牵头单位、责任领导、承办人统计按时完成、逾期完成、逾期未完成和按时完成率，并排名。"
HELP_OPT_SCORE_YEAR = "考评年份；默认方案所在年份。"
HELP_OPT_SCORE_FROM = "考评期间的第一天（与 --to 一起用；不写则从方案最早的日期算起）。"
HELP_OPT_SCORE_TO = "考评期间的最后一天（不写则到方案最晚的日期）。"
HELP_OPT_SCORE_AS_OF = "统计日：按这一天的记录判断完成情况（默认今天，可以晚于考评期间）。"
HELP_OPT_SCORE_OUTPUT = "写成考评表文件：.xlsx（每类一张工作表）或 .docx（公文格式）。"
ERR_SCORE_YEAR_AND_RANGE = "--year 和 --from/--to 只能用一种；请写考评年份，或写起止日期。"
ERR_SCORE_YEAR = "年份 {given} 不在方案的年份（{years}）之内；请写方案所在的年份。"
ERR_SCORE_RANGE = "考评期间的开始 {start} 晚于结束 {end}；请让 --from 不晚于 --to。"
ERR_SCORE_AS_OF = "统计日 {as_of} 早于考评期间的开始 {start}；请写考评期间开始以后的统计日。"
ERR_SCORE_FORMAT = "考评表不能写成 {given} 文件；请用 .xlsx 或 .docx。"
ERR_SCORE_JSON_AND_FILE = (
    "--json 和 -o 只能用一个；要文件就用 -o 考评表.xlsx，要 JSON 就用 --json。"
)
SCORE_TITLE = "{period}{subject}结果考评"
SCORE_FILE_TITLE = "{title}表"
SCORE_PLANS = "方案：{names}"
SCORE_YEAR = "{year}年度"
SCORE_RANGE = "{start}至{end}"
SCORE_SUBTITLE = "考评期间：{period}；统计截至 {as_of}"
SCORE_BY = "按{word}"
SCORE_COL_RANK = "名次"
SCORE_COL_COUNTED = "应完成"
SCORE_COL_ON_TIME = "按时完成"
SCORE_COL_LATE = "逾期完成"
SCORE_COL_OVERDUE = "逾期未完成"
SCORE_COL_RATE = "按时率"
SCORE_COL_AVERAGE = "平均逾期"
SCORE_COL_VERIFIED = "销号率"
SCORE_SUMMARY = (
    "期间内应完成任务 {n} 项：按时完成 {on_time} 项，逾期完成 {late} 项，逾期未完成 {overdue} 项。"
)
SCORE_NOTHING = "考评期间内（截至统计日）没有到期的任务。"
SCORE_UNOWNED = "另有 {n} 项任务没有{word}，不计入本表。"
SCORE_NOBODY = "没有任务写明{word}。"
SCORE_RULE = "应完成为完成时限在考评期间内（且不晚于统计日）的任务，一项任务对它写明的每个责任人各计一次；以最后一次标记完成的日期对照时限判断按时或逾期，统计日仍未完成的计为逾期未完成；按时率＝按时完成÷应完成，平均逾期为逾期完成的任务平均晚了几个工作日。排名先看按时率（高者在前），再看逾期未完成（少者在前），再按名称拼音排序，前两项都相同的名次并列。"
SCORE_RULE_LABEL = "考评规则："
SCORE_RULE_VERIFY = "需审核办结的方案，任务销号后才算完成，已标记完成但未销号的按未完成计；销号率＝已销号÷已标记完成。"
SCORE_WRITTEN = "已写入考评表 {path}（{period}，应完成任务 {n} 项）。"
ERR_MARKER = "{marker} 指向的方案文件 {plan} 不存在；请修改 {marker}，或用 --plan 指定方案文件。"

# -- a shared folder as a colleague may have left it: links, files that are not files ---------

ERR_LINK = (
    "{path} 是一个指向 {target} 的符号链接，xjc 不会通过链接读写；请删除这个链接，放回普通文件。"
)
ERR_LINK_OUT = "{path} 是指向方案文件夹 {root} 之外（{target}）的符号链接，xjc 不会通过它读写；请删除这个链接，把文件放进方案文件夹。"
ERR_NOT_REGULAR = "{path} 不是普通文件（可能是文件夹、管道或设备）；请指定一个普通文件。"
ERR_JOURNAL_TOO_BIG = (
    "日志 {path} 有 {size} 字节，超过上限 {limit} 字节；请检查这个文件是否被替换过。"
)
ERR_JOURNAL_DUPLICATE = "与第 {first} 行的编号 {id} 相同，内容却不同"
ERR_JOURNAL_TOO_DEEP = "嵌套层次太深"
WARN_NO_NEWLINE = "警告：日志 {path} 第 {line} 行是完整的记录，但行末缺少换行符；已照常计入，下次写入时会补上换行符。"
WARN_TORN_TAIL = "警告：日志 {path} 第 {line} 行不完整（写入被中断，从未确认）；不计入，下次写入时会移到 {torn}。"
SYNC_RESTORE_COMMIT = "xjc：恢复合并时丢失的 {n} 条记录"
SYNC_RESTORED = "合并后缺少 {n} 条本地已有的记录（远程删除了它们），已按原样恢复并提交"
# ======================================================================================
# -- import and validate -------------------------------------------------------------------
# ======================================================================================
HELP_IMPORT = "导入方案文件：读取实施方案文档（.docx、.pdf、.xlsx、.html、.txt，装有 LibreOffice 时还有 .doc、.wps），先显示读到的任务和需要核对的地方，再生成 xjc 可用的方案文件（YAML）。"
HELP_VALIDATE = "检查方案文件，列出每一处问题及其行号。"
HELP_ARG_DOC = "方案文档：.docx；有文字层的 .pdf；任务分解表 .xlsx；从网站另存的 .html/.htm；.txt（UTF-8 或 GB18030/GBK）；装有 LibreOffice 时还可以是 .doc、.wps。"
HELP_OPT_OUTPUT = (
    "输出的方案文件（之后用 xjc list --plan 该文件 查看）；默认是文档同名的 .yaml，放在当前文件夹。"
)
HELP_OPT_FORCE = "输出文件已存在时覆盖它。"
HELP_ARG_PLAN_FILE = "要检查的方案文件（YAML）；不写时检查 --plan 指定的或默认的方案。"

IMPORT_DEFAULT_ACTION = "主要任务"
IMPORT_WHERE_LINE = "第 {n} 行"
IMPORT_WHERE_LINE_PART = "第 {n} 行第 {k} 段"  # paragraphs that ran together on one line
IMPORT_WHERE_PARAGRAPH = "第 {n} 段"
IMPORT_WHERE_TABLE_ROW = "表 {t} 第 {n} 行"
IMPORT_WARN_ACTION_LOST = "专项行动“{title}”缺少编号，已按位置补为 {n}"
IMPORT_WARN_ACTION_RENUMBERED = "专项行动“{title}”原编号 {given}，已按位置改为 {n}"
IMPORT_WARN_TASK_LOST = "任务“{title}”缺少编号，已按位置补为 {id}"
IMPORT_WARN_TASK_RENUMBERED = "任务“{title}”原编号 {given}（重复或不连续），已按位置改为 {id}"
IMPORT_WARN_MEASURES = (
    "专项行动 {action}里有 {n} 项措施和前一项写在同一段、各写了责任单位，已各作为一项任务"
    "（{ids}），这个专项行动的任务按位置重新编号"
)
IMPORT_WARN_ITEM_LOST = "“{part}”第 {n} 条“{title}”缺少编号，已按位置补上"
IMPORT_WARN_ITEM_RENUMBERED = "“{part}”的“{title}”原编号 {given}，已按位置改为 {n}"
IMPORT_WARN_NO_OWNER = "任务 {id}“{title}”没有写责任领导或责任单位，请补上"
IMPORT_WARN_DUE_TEXT = (
    "任务 {id} 的时限“{text}”无法换算成日期，已原样记入时限说明，到期日按活动结束日计"
)
IMPORT_WARN_MANY_DUES = "任务 {id} 的内容里有多个时限（{found}），已取最晚的“{chosen}”"
IMPORT_WARN_NO_PERIOD = "文档没有写明活动期间，已按 {year} 年全年（1月1日至12月31日）记录"
IMPORT_WARN_NO_ISSUER = "没有找到发文单位，已留空，请在方案文件里补上“发文单位”"
IMPORT_WARN_NO_OWNERS_ANYWHERE = (
    "文档里没有找到任何责任领导或责任单位，已把“任务”部分的各条当作任务"
)
IMPORT_FILE_HEADER = "由 xjc import 从 {doc} 生成。请对照原文核对，特别是以下 {n} 处："
IMPORT_FILE_HEADER_CLEAN = "由 xjc import 从 {doc} 生成。请对照原文核对。"
IMPORT_WRITTEN = (
    "已写入 {path}：{actions} 个专项行动，{tasks} 项任务，{leaders} 名责任领导，{units} 个单位。"
)
IMPORT_WARNINGS_TITLE = "请核对以下 {n} 处："
IMPORT_NO_WARNINGS = "没有需要特别核对的地方。"
IMPORT_NEXT = "查看任务：xjc list --plan {path}"
IMPORT_COL_UNITS = "责任单位"
IMPORT_ROLE_LEAD = "牵头"
IMPORT_ROLE_SUPPORT = "配合"

ERR_DOC_MISSING = "找不到文档 {path}；请写出要导入的 .docx、.pdf、.xlsx、.html 或 .txt 文件的路径。"
ERR_DOC_TYPE = "不支持 {suffix} 文件 {path}；请导入 .docx、.pdf、.xlsx、.html 或 .txt（其他格式请先在 Word/WPS/Excel 里另存为 .docx 或 .xlsx）。"
ERR_DOC_ENCODING = (
    "文档 {path} 既不是 UTF-8 也不是 GB18030/GBK 编码的文字；请在记事本里另存为 UTF-8 后再导入。"
)
ERR_DOC_BINARY = "文档 {path} 不是文字文件；请导入 .docx、.pdf、.xlsx、.html 或 .txt。"
ERR_DOC_DOCX = (
    "文档 {path} 不是有效的 .docx 文件（{reason}）；请用 Word/WPS 打开后重新另存为 .docx。"
)
ERR_DOC_EMPTY = "文档 {path} 是空的；请确认选对了文件。"
ERR_DOC_NO_TASKS = "在文档 {path} 里没有找到任务；任务应是带编号的段落并写明责任单位（如“责任单位：…”），或是带“任务”“牵头单位”等列的表格。"
ERR_OUTPUT_EXISTS = (
    "方案文件 {path} 已存在，没有覆盖；请用 -o 指定另一个文件名，或加 --force 覆盖。"
)
ERR_PLAN_UNWRITABLE = "无法写入方案文件 {path}（{reason}）；请检查文件夹是否存在、是否可写。"
ERR_OUTPUT_SAME = "输出文件 {path} 就是要导入的文档；请用 -o 指定另一个 .yaml 文件名。"
ERR_IMPORT_INVALID = "导入结果没有通过检查（{detail}）；这是 xjc 的问题，请把文档发给维护者。"

VALIDATE_OK = "方案文件 {path} 检查通过：{actions} 个专项行动，{tasks} 项任务，{leaders} 名责任领导，{units} 个科室/单位。"
VALIDATE_PROBLEMS = "方案文件 {path} 共有 {n} 处问题。"
COL_RECURRENCE = "周期"
IMPORT_WARN_HEADING_LOST = "标题“{title}”没有编号，已按位置作为第{mark}部分"
IMPORT_ROLE_RESPONSIBLE = "责任"
IMPORT_WARN_FRAGMENT = "文档在“{title}”处中断（后面缺了责任单位或内容），这一段没有作为任务导入"
IMPORT_WARN_TABLE_CUT = "表格最后一行“{title}”不完整（文档在这里中断），没有作为任务导入"
IMPORT_WARN_TABLE_CUT_KEPT = (
    "表格最后一行“{title}”不完整（文档在这里中断，缺了{missing}），已按现有内容作为任务导入，请核对"
)
# ================================================================================================
# -- made for its users: overview, timeline, working days, TSV, completion ---------------------
# ================================================================================================

HELP_OVERVIEW = "概览：完成率、各状态任务数和最需要关注的任务；不带参数运行 xjc 即显示概览。"
HELP_TIMELINE = "时间线（甘特图）：各任务的时间段、截至日期、完成和逾期；可筛选，可存为 SVG。"
HELP_OPT_ZOOM_MONTH = "只看某个月，按天显示，如 3。"
HELP_OPT_TIMELINE_OUTPUT = "把时间线保存为图片：SVG（.svg）或 PNG（.png），可插入报告或网页。"
HELP_OPT_DUE_WITHIN = "只列出从截至日期起 N 个日历日内（含当天）到期的未完成任务；已逾期的不在其内，请用 --status overdue。"
HELP_OPT_TABLE = (
    "输出不是终端（如管道、文件）时也画表格；默认输出制表符分隔的纯文本行，便于 sort、grep。"
)
HELP_OPT_INSTALL_COMPLETION = "为当前 shell 安装命令补全（任务编号、领导、科室、状态、方案文件）。"
HELP_OPT_SHOW_COMPLETION = "显示当前 shell 的补全脚本，可复制后自行安装。"
COMPLETION_INSTALLED = "已为 {shell} 安装命令补全：{path}。重新打开终端后生效。"

# working days
COL_WORKDAYS = "工作日"
LEFT = "剩余"
WORKDAYS_LEFT = "剩余 {n} 个工作日"
WORKDAYS_LATE = "逾期 {n} 个工作日"
WORKDAYS_LATE_NONE = "逾期（不足 1 个工作日）"
WORKDAYS_GUESSED = "注：{years} 年的法定节假日和调休安排暂无数据，这些日子按周一至周五计算工作日。"
ERR_DUE_WITHIN = "--due-within 的值 {given} 无效；请写 0 或正整数天数，如 7。"

# overview
OVERVIEW_PERIOD = "活动期间 {start}至{end}，截至 {as_of}"
OVERVIEW_RATE = "完成率 {rate}（{done}/{total}）"
OVERVIEW_COUNTS = "已完成 {done}  推进中 {doing}  未启动 {todo}  暂缓 {paused}  逾期 {overdue}"
OVERVIEW_ATTENTION = "最需要关注"
OVERVIEW_ALL_DONE = "全部任务均已完成。"
OVERVIEW_MORE = "另有 {n} 项未完成任务，见 xjc list --status open。"
OVERVIEW_HINT = "xjc list 台账  xjc timeline 时间线  xjc --help 全部命令"

# timeline
TIMELINE_TITLE = "{plan} 时间线，截至 {as_of}"
TIMELINE_TITLE_MONTH = "{plan} {year}年{month}月，截至 {as_of}"
TIMELINE_MONTH = "{month}月"
TIMELINE_LEGEND = "# 已完成  = 推进中  - 未启动  ~ 暂缓  ! 逾期  * 完成日  | 截至日期"
TIMELINE_LEGEND_REST = "  . 休息日"
TIMELINE_CAPTION = "共 {shown} 项任务（全部 {total} 项）"
TIMELINE_AS_OF_OUTSIDE = "截至日期 {as_of} 不在图中的时间范围内。"
TIMELINE_SAVED = "已生成时间线 {path}：{n} 项任务，截至 {as_of}。"
TIMELINE_DONE_DAY = "完成日"
TIMELINE_AS_OF = "截至日期"
TIMELINE_SVG_TITLE = "{plan} 时间线"
TIMELINE_SVG_MONTH = "（{year}年{month}月）"
ERR_TIMELINE_FORMAT = (
    "时间线只能保存为 .svg 或 .png 图片，不支持“{given}”；请把文件名改为以 .svg 或 .png 结尾。"
)
ERR_ROOT_OPTION = (
    "选项 {given} 请写在命令之后，如 xjc {command} {given} …；写在 xjc 之后只对概览有效。"
)
ERR_TIMELINE_JSON_AND_FILE = "--json 和 -o 不能同时使用；请二选一。"

# -- hostile input: sizes, kinds and limits --------------------------------------------------------

SIZE_BYTES = "{n} 字节"
KIND_FOLDER = "文件夹"
KIND_FIFO = "命名管道"
KIND_DEVICE = "设备文件"
KIND_SOCKET = "套接字"
KIND_OTHER = "特殊文件"
WHAT_SHEET = "台账文件"
WHAT_DOCUMENT = "文档"
WHAT_PLAN = "方案文件"
ERR_INPUT_MISSING = "找不到{what} {path}；请检查路径是否写对。"
ERR_INPUT_UNREADABLE = "无法读取{what} {path}（{reason}）；请检查文件权限。"
ERR_INPUT_NOT_REGULAR = "{what} {path} 是{kind}，不是普通文件；请给出保存在磁盘上的普通文件。"
ERR_INPUT_TOO_BIG = "{what} {path} 有 {size}，超过上限 {limit}；请检查是否选错了文件。"
ERR_ZIP_MEMBERS = "{what} {path} 的压缩包里有 {n} 个部件，超过上限 {limit} 个；这不是正常保存的 Office 文件，请在 Excel/WPS/Word 里重新另存一份。"
ERR_ZIP_MEMBER_TOO_BIG = "{what} {path} 里的部件 {member} 解压后有 {size}，超过上限 {limit}；请检查是否选错了文件，或把内容分成几个文件。"
ERR_ZIP_TOTAL_TOO_BIG = "{what} {path} 解压后共有 {size}，超过上限 {limit}；请检查是否选错了文件，或删去文件里的大图片等内容。"
ERR_ZIP_RATIO = "{what} {path} 里的部件 {member} 解压后是压缩时的 {ratio} 倍，超过上限 {limit} 倍，像是“压缩炸弹”；请向发送人要一份在 Excel/WPS/Word 里正常保存的文件。"
ERR_SHEET_TOO_MANY_ROWS = "台账文件 {path} 的工作表 {sheet} 超过 {limit} 行；台账不会有这么多行，请删去多余的行，或检查是否选错了文件。"
ERR_SHEET_TOO_MANY_CELLS = "台账文件 {path} 的工作表 {sheet} 第 {row} 行超过 {limit} 个单元格；请删去多余的列，或检查是否选错了文件。"
ERR_SHEET_DAMAGED = "台账文件 {path} 已损坏，无法读取（{reason}）；请在 Excel/WPS 里打开后重新保存，或请科室重新交回。"
ERR_DOC_LINE_TOO_LONG = "文档 {path} {where}有 {n} 个字，超过一段的上限 {limit} 个字；请检查是否选错了文件，或把这段分成几段。"
# -- import: the formats offices receive (.pdf, .html, .xlsx, .doc/.wps) and --dry-run ----------
IMPORT_WHERE_PAGE_LINE = "第 {p} 页第 {n} 行"
IMPORT_WHERE_PAGE_TABLE_ROW = "第 {p} 页表 {t} 第 {n} 行"
IMPORT_WHERE_SHEET_ROW = "工作表“{sheet}”第 {n} 行"
IMPORT_DRY_RUN = "试运行：没有写入任何文件（读到 {actions} 个专项行动，{tasks} 项任务）；去掉 --dry-run 即写入 {path}。"
HELP_OPT_IMPORT_DRY_RUN = "只读取文档、显示读到的内容和需要核对的地方，不写入任何文件。"
ERR_DOC_TOO_MANY_CHARS = "文档 {path} 超过 {limit} 个字，不像方案文档；请确认选对了文件。"
ERR_DOC_PDF = "文档 {path} 不是有效的 PDF 文件（{reason}）；请确认文件完整，或改用原来的 Word 文件（.docx）导入。"
ERR_DOC_PDF_ENCRYPTED = "PDF 文档 {path} 设有打开密码，无法读取；请改用原来的 Word 文件（.docx）导入，或先去掉密码另存一份。"
ERR_DOC_PDF_SCANNED = "PDF 文档 {path} 是扫描件，没有可读取的文字；请改用原来的 Word 文件（.docx）导入，或先用 OCR 软件识别成文字。"
ERR_DOC_PDF_PAGES = (
    "PDF 文档 {path} 有 {n} 页，超过上限 {limit} 页；请确认选对了文件，或只导出方案所在的页。"
)
ERR_DOC_PDF_PAGE_TOO_BIG = "PDF 文档 {path} 第 {page} 页的内容超过上限，不像方案文档；请确认选对了文件，或改用原来的 Word 文件（.docx）导入。"
ERR_DOC_HTML_ENCODING = "网页 {path} 的编码无法识别（既不是 UTF-8 也不是 GB18030/GBK）；请在浏览器里另存为“网页，仅 HTML”并选 UTF-8 编码，或把正文复制到 Word 里存为 .docx。"
ERR_DOC_XLSX = (
    "表格 {path} 不是有效的 .xlsx 文件（{reason}）；请在 Excel/WPS 里打开后重新另存为 .xlsx。"
)
ERR_DOC_TOO_MANY_CELLS = "文档 {path} 的表格超过 {limit} 个单元格（合并的单元格按所占的格数算），不像方案文档；请确认选对了文件。"
ERR_DOC_NO_OFFICE = "这台电脑没有安装 LibreOffice，无法读取 {suffix} 文件 {path}；请在 Word 或 WPS 里打开它，另存为 .docx 后再导入。"
ERR_DOC_CONVERT = "LibreOffice 没能把 {path} 转换成 .docx（{reason}）；请在 Word 或 WPS 里打开它，另存为 .docx 后再导入。"
ERR_DOC_CONVERT_TIMEOUT = "LibreOffice 转换 {path} 超过 {seconds} 秒仍未完成，已停止；请在 Word 或 WPS 里打开它，另存为 .docx 后再导入。"
ERR_NOTE_TOO_LONG = (
    "进展内容有 {n} 个字，超过上限 {limit} 个字；请精简后再记，详细材料可作为佐证材料另存。"
)
ERR_SHEET_NOTE_TOO_LONG = (
    "台账文件 {path} 第 {row} 行的进展情况有 {n} 个字，超过上限 {limit} 个字；请精简后再交回。"
)
ERR_DATE_RANGE = "日期 {given} 超出可用范围；请写 {first} 到 {last} 之间的日期。"
ERR_YEAR_RANGE = "年份 {given} 超出可用范围；请写 {first} 到 {last} 之间的年份。"
ERR_DUE_WITHIN_RANGE = "--due-within 的值 {given} 太大；请写 0 到 {limit} 之间的天数。"
NOTE_CUT = "…（共 {n} 字，全文见 --json）"
PLAN_DATE_RANGE = "日期 {value} 超出可用范围，应在 {first} 到 {last} 之间"


# -- overview, timeline, log and dates --

ERR_DATE_BEFORE_PLAN = "生效日期 {given} 在方案开始（{start}）之前；请写方案活动期间或以后的日期。"
ERR_DATE_LONG_AFTER_PLAN = (
    "生效日期 {given} 在方案结束（{end}）一年以后，可能写错了年份；"
    "请写 {limit} 以前的日期，或不加 --date 按今天记录。"
)
REOPENED_BY_MARK = "；此任务原已于{date}完成，现已重新打开"
LOG_RECORDED_LATER = "{date}（{recorded}补记）"
TIMELINE_GAP_CAPTION = "截至日期 {as_of} 远在图中范围之后，“:”处省略了其间的时间。"


# -- owners by role --

ROLE_UNIT = "单位"
HELP_OPT_UNIT = "单位，不论责任科室、牵头单位还是配合单位（与 --section 相同）。"
ERR_SECTION_AND_UNIT = "--section 和 --unit 是同一个筛选，请只写一个。"


# -- importfix --

IMPORT_WARN_NO_YEAR = (
    "文件中没有年份（标题、成文日期、活动期间都没有写），时限没有换算成日期，"
    "活动期间暂按 {year} 年全年记录；请在方案文件里改正，或用 --year 指定年份重新导入"
)
IMPORT_WARN_NO_YEAR_DUE = (
    "文件中没有年份，任务 {id} 的时限“{text}”没有换算成日期，已原样记入时限说明；"
    "请补上完成时限，或用 --year 指定年份重新导入"
)
HELP_OPT_IMPORT_YEAR = (
    "方案的年份：文档里没写年份的时限（如“12月底前”）和活动期间按这一年换算；"
    "默认取文档标题、成文日期或期间里的年份，文档里没有年份时不换算。"
)
