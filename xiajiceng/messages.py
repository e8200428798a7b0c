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

# -- event operations, as the log shows them -----------------------------------------------
OP_LABELS = {
    "assign": "承办人",
    "status": "状态",
    "note": "进展",
    "done": "标记完成",
    "reopen": "重新打开",
    "undo": "撤销",
}
DESC_ASSIGN = "承办人：{parts}"
DESC_STATUS = "状态改为{status}"
DESC_UNDO = "撤销记录 {id}"

# -- table headings --------------------------------------------------------------------------
COL_ID = "编号"
COL_TASK = "任务"
COL_LEADERS = "责任领导"
COL_SECTIONS = "责任科室"
COL_ASSIGNEES = "承办人"
COL_STATUS = "状态"
COL_DUE = "时限"
COL_LAST_NOTE = "最新进展"
COL_DATE = "日期"
COL_EVENT = "记录"
COL_WHAT = "内容"
COL_BY = "记录人"
COL_RECORDED = "记录时间"
COL_NAME = "名称"
COL_TOTAL = "任务数"
COL_DONE = "已完成"
COL_RATE = "完成率"
COL_PROGRESS = "进度"
COL_ACTION = "专项行动"
COL_LEADER = "责任领导"
COL_SECTION = "科室"
COL_NOTE = "进展情况"

# -- list / show -----------------------------------------------------------------------------
LIST_CAPTION = "共 {shown} 项任务（全部 {total} 项），截至 {as_of}"
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
UNDO_OF = "撤销 {id}（{what}）"

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
REPORT_BY_LEADER = "分责任领导"
REPORT_BY_SECTION = "分责任科室"
REPORT_DONE_IN_MONTH = "本月完成"
REPORT_NOTES_IN_MONTH = "本月进展"
REPORT_OVERDUE = "月底逾期"
REPORT_NOT_STARTED = "尚未启动"
REPORT_NONE = "无"

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
HELP_REPORT = "月报：某月月底的进展情况，以及当月完成的任务和进展。"

HELP_OPT_HELP = "显示本帮助并退出。"
HELP_OPT_VERSION = "显示版本号。"
HELP_OPT_PLAN = "方案文件（YAML）。默认取环境变量 XJC_PLAN，再默认用内置的 2023 年方案。"
HELP_OPT_JSON = "输出 JSON，供脚本使用。"
HELP_OPT_DATE = "生效日期，如 2023-03-20；默认今天。"
HELP_OPT_BY = "记录人；默认取环境变量 XJC_USER，再默认为登录名。"
HELP_OPT_NOTE = "进展情况。"
HELP_OPT_LEADER = "责任领导（全名、开头几个字或拼音）。"
HELP_OPT_SECTION = "责任科室（“各科室”的任务属于每个科室）。"
HELP_OPT_ACTION = "专项行动编号，如 2。"
HELP_OPT_STATUS = "状态：未启动/todo、推进中/doing、已完成/done、暂缓/paused，或 open（未完成）、overdue（逾期）。"
HELP_OPT_ASSIGNEE = "承办人。"
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
PLAN_ALIAS = "不支持 YAML 的锚点和别名（& 与 *），请把内容直接写出"
PLAN_TAG = "不支持 YAML 标签 {tag}"
PLAN_KEY_NOT_SCALAR = "键必须是文字"
PLAN_TOO_DEEP = "嵌套层数超过 {limit} 层"
PLAN_NOT_DOCUMENT = "文件应是一个“键: 值”映射，以“标题:”等键开头"

# names of roles in lenient matching
ROLE_LEADER = "责任领导"
ROLE_SECTION = "科室"
ROLE_ASSIGNEE = "承办人"

# ======================================================================================
# -- import and validate -------------------------------------------------------------------
# ======================================================================================
HELP_IMPORT = "导入方案文件：读取实施方案文档（.txt 或 .docx），生成 xjc 可用的方案文件（YAML）。"
HELP_VALIDATE = "检查方案文件，列出每一处问题及其行号。"
HELP_ARG_DOC = "方案文档：.txt（UTF-8 或 GB18030/GBK）或 .docx。"
HELP_OPT_OUTPUT = (
    "输出的方案文件（之后用 xjc list --plan 该文件 查看）；默认是文档同名的 .yaml，放在当前文件夹。"
)
HELP_OPT_FORCE = "输出文件已存在时覆盖它。"
HELP_ARG_PLAN_FILE = "要检查的方案文件（YAML）；不写时检查 --plan 指定的或默认的方案。"

IMPORT_DEFAULT_ACTION = "主要任务"
IMPORT_WHERE_LINE = "第 {n} 行"
IMPORT_WHERE_PARAGRAPH = "第 {n} 段"
IMPORT_WHERE_TABLE_ROW = "表 {t} 第 {n} 行"
IMPORT_WARN_ACTION_LOST = "专项行动“{title}”缺少编号，已按位置补为 {n}"
IMPORT_WARN_ACTION_RENUMBERED = "专项行动“{title}”原编号 {given}，已按位置改为 {n}"
IMPORT_WARN_TASK_LOST = "任务“{title}”缺少编号，已按位置补为 {id}"
IMPORT_WARN_TASK_RENUMBERED = "任务“{title}”原编号 {given}（重复或不连续），已按位置改为 {id}"
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
IMPORT_RECURRING = "{recurrence}"
IMPORT_DEFAULT_DUE = "{date}（活动结束）"
ROLE_LABELS = {"responsible": "责任", "lead": "牵头", "support": "配合"}

ERR_DOC_MISSING = "找不到文档 {path}；请写出要导入的 .txt 或 .docx 文件的路径。"
ERR_DOC_UNREADABLE = "无法读取文档 {path}（{reason}）；请检查文件权限。"
ERR_DOC_TYPE = "不支持 {suffix} 文件 {path}；请导入 .txt 或 .docx（.doc、.wps 请先在 Word/WPS 里另存为 .docx）。"
ERR_DOC_ENCODING = (
    "文档 {path} 既不是 UTF-8 也不是 GB18030/GBK 编码的文字；请在记事本里另存为 UTF-8 后再导入。"
)
ERR_DOC_BINARY = "文档 {path} 不是文字文件；请导入 .txt 或 .docx。"
ERR_DOC_DOCX = (
    "文档 {path} 不是有效的 .docx 文件（{reason}）；请用 Word/WPS 打开后重新另存为 .docx。"
)
ERR_DOC_EMPTY = "文档 {path} 是空的；请确认选对了文件。"
ERR_DOC_TOO_BIG = "文档 {path} 有 {size} 字节，超过上限 {limit} 字节；请检查是否选错了文件。"
ERR_DOC_NO_TASKS = "在文档 {path} 里没有找到任务；任务应是带编号的段落并写明责任单位（如“责任单位：…”），或是带“任务”“牵头单位”等列的表格。"
ERR_OUTPUT_EXISTS = (
    "方案文件 {path} 已存在，没有覆盖；请用 -o 指定另一个文件名，或加 --force 覆盖。"
)
ERR_OUTPUT_UNWRITABLE = "无法写入方案文件 {path}（{reason}）；请检查文件夹是否存在、是否可写。"
ERR_OUTPUT_SAME = "输出文件 {path} 就是要导入的文档；请用 -o 指定另一个 .yaml 文件名。"
ERR_IMPORT_INVALID = "导入结果没有通过检查（{detail}）；这是 xjc 的问题，请把文档发给维护者。"

VALIDATE_OK = "方案文件 {path} 检查通过：{actions} 个专项行动，{tasks} 项任务，{leaders} 名责任领导，{units} 个科室/单位。"
VALIDATE_PROBLEMS = "方案文件 {path} 共有 {n} 处问题。"
COL_LEAD_UNITS = "牵头单位"
COL_SUPPORT_UNITS = "配合单位"
COL_RECURRENCE = "周期"
IMPORT_WARN_HEADING_LOST = "标题“{title}”没有编号，已按位置作为第{mark}部分"
IMPORT_ROLE_RESPONSIBLE = "责任"
