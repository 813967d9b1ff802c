//! Word lists and templates for the synthetic corpus.
//!
//! Everything here was composed for this repository: the company, broker, person and model names are
//! coined by combining the syllable lists below, and the sentence templates are written from scratch in
//! the general register of Chinese sell-side research. No text is taken from real reports.
//! Lists are whitespace-separated strings (split once at start-up) to keep the file readable.
//! Placeholders in templates are `{name}`; see `gen::Slot` for their meaning.

/// Characters (with pinyin) used to coin company and broker names.
pub const NAME_CHARS: &str = "华:hua 信:xin 宏:hong 创:chuang 芯:xin 晶:jing 瑞:rui 恒:heng 泰:tai 安:an \
中:zhong 海:hai 天:tian 通:tong 达:da 科:ke 博:bo 汇:hui 德:de 盛:sheng 鼎:ding 昊:hao 浩:hao 源:yuan \
新:xin 锦:jin 星:xing 辰:chen 光:guang 明:ming 东:dong 方:fang 南:nan 北:bei 金:jin 银:yin 宝:bao \
凯:kai 联:lian 嘉:jia 美:mei 佳:jia 亿:yi 万:wan 兴:xing 荣:rong 隆:long 丰:feng 润:run 和:he 永:yong \
正:zheng 诚:cheng 远:yuan 航:hang 驰:chi 迅:xun 睿:rui 智:zhi 云:yun 数:shu 微:wei 纳:na 元:yuan \
极:ji 灵:ling 峰:feng 岭:ling 江:jiang 湖:hu 川:chuan 山:shan 石:shi 林:lin 森:sen 禾:he 谷:gu 泽:ze \
青:qing 蓝:lan 紫:zi 赤:chi 玄:xuan 龙:long 凤:feng 鹏:peng 骏:jun 麟:lin 沣:feng 瀚:han 拓:tuo \
弘:hong 卓:zhuo 越:yue 启:qi 昇:sheng 韬:tao 腾:teng 讯:xun 易:yi 立:li 成:cheng 长:chang 广:guang \
阳:yang 湘:xiang 闽:min 粤:yue 蜀:shu 燕:yan 齐:qi 鲁:lu 晋:jin 楚:chu 吴:wu 越:yue 津:jin 沪:hu \
宁:ning 杭:hang 甬:yong 苏:su 赣:gan 皖:wan 豫:yu 冀:ji 辽:liao 吉:ji 黔:qian 滇:dian 桂:gui 琼:qiong \
奥:ao 普:pu 斯:si 特:te 尔:er 维:wei 威:wei 迪:di 艾:ai 欧:ou 朗:lang 捷:jie 飞:fei 腾:teng 扬:yang \
振:zhen 坤:kun 乾:qian 舜:shun 禹:yu 尧:yao 彤:tong 琳:lin 璟:jing 珑:long 璞:pu 玮:wei 琦:qi 瑜:yu \
钧:jun 铭:ming 锐:rui 铠:kai 锋:feng 钛:tai 硅:gui 碳:tan 磁:ci 电:dian 能:neng 量:liang 子:zi";

/// Surnames (with pinyin) for analyst and executive names.
pub const SURNAMES: &str = "王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou \
徐:xu 孙:sun 马:ma 朱:zhu 胡:hu 郭:guo 何:he 高:gao 林:lin 罗:luo 郑:zheng 梁:liang 谢:xie 宋:song \
唐:tang 许:xu 韩:han 冯:feng 邓:deng 曹:cao 彭:peng 曾:zeng 肖:xiao 田:tian 董:dong 袁:yuan 潘:pan \
于:yu 蒋:jiang 蔡:cai 余:yu 杜:du 叶:ye 程:cheng 苏:su 魏:wei 吕:lv 丁:ding 任:ren 沈:shen 姚:yao \
卢:lu 姜:jiang 崔:cui 钟:zhong 谭:tan 陆:lu 汪:wang 范:fan 金:jin 石:shi 廖:liao 贾:jia 夏:xia \
韦:wei 付:fu 方:fang 白:bai 邹:zou 孟:meng 熊:xiong 秦:qin 邱:qiu 江:jiang 尹:yin 薛:xue 闫:yan \
段:duan 雷:lei 侯:hou 龙:long 史:shi 陶:tao 黎:li 贺:he 顾:gu 毛:mao 郝:hao 龚:gong 邵:shao 万:wan \
钱:qian 严:yan 覃:qin 武:wu 戴:dai 莫:mo 孔:kong 向:xiang 汤:tang 欧阳:ouyang 司马:sima 上官:shangguan";

/// Characters (with pinyin) for given names.
pub const GIVEN_CHARS: &str = "伟:wei 芳:fang 娜:na 敏:min 静:jing 丽:li 强:qiang 磊:lei 军:jun 洋:yang \
勇:yong 艳:yan 杰:jie 娟:juan 涛:tao 明:ming 超:chao 秀:xiu 霞:xia 平:ping 刚:gang 桂:gui 文:wen \
辉:hui 鑫:xin 宇:yu 浩:hao 凯:kai 健:jian 俊:jun 帆:fan 帅:shuai 旭:xu 宁:ning 龙:long 林:lin 欢:huan \
佳:jia 阳:yang 晨:chen 瑶:yao 婷:ting 雪:xue 琳:lin 晶:jing 颖:ying 倩:qian 楠:nan 博:bo 思:si \
源:yuan 远:yuan 哲:zhe 睿:rui 航:hang 泽:ze 然:ran 逸:yi 嘉:jia 彬:bin 斌:bin 毅:yi 峰:feng 晓:xiao \
亮:liang 骁:xiao 澄:cheng 昕:xin 冉:ran 萌:meng 璐:lu 蕾:lei 薇:wei 曦:xi 骏:jun 恺:kai 钧:jun \
琛:chen 翔:xiang 麟:lin 瀚:han 铭:ming 昊:hao 煜:yu 烨:ye 炜:wei 立:li 志:zhi 国:guo 建:jian \
海:hai 永:yong 春:chun 秋:qiu 冬:dong 松:song 柏:bai 竹:zhu 梅:mei 兰:lan 菲:fei 韵:yun 雯:wen \
悦:yue 媛:yuan 楷:kai 朗:lang 骞:qian 卿:qing 臻:zhen 谦:qian 诺:nuo 言:yan 初:chu 易:yi 舟:zhou \
川:chuan 岚:lan 溪:xi 沐:mu 尧:yao 舒:shu 芸:yun 若:ruo 怡:yi 可:ke 安:an 心:xin 一:yi 之:zhi";

/// Latin syllables for coined English model and product names.
pub const LATIN_SYLLABLES: &str = "Xing He Tian Qiong Ling Xi Shu Mo Jin Yu Pan Shi Zhi Yuan Hao \
Lan Feng Yun Que Kun Peng Wen Lan Chen Guang Xuan Wu Jiu Zhang Tai Chu Ming Jing Hui Rui Sheng Qi";

/// Real, widely known AI model names (names are facts; used only as tokens in coined sentences).
pub const MODELS: &str = "DeepSeek-R1 DeepSeek-V3 DeepSeek-V2.5 DeepSeek-R1-Distill Qwen2.5-Max Qwen2.5-72B \
Qwen3-235B-A22B QwQ-32B o3-mini o1 o1-pro o4-mini GPT-4o GPT-4.1 GPT-4.5 GPT-5 Llama-3.1-405B Llama-4 \
Gemini-2.5-Pro Gemini-2.0-Flash Claude-3.5-Sonnet Claude-3.7-Sonnet Kimi-k1.5 Kimi-K2 GLM-4.5 GLM-4-Plus \
Doubao-1.5-pro ERNIE-4.5 ERNIE-X1 Hunyuan-T1 MiniMax-01 Step-2 Grok-3 Sora Mistral-Large Baichuan4";

/// Global companies and organisations (names are facts; used only as tokens).
pub const GLOBAL_COS: &str =
    "英伟达 台积电 苹果 特斯拉 三星 微软 谷歌 亚马逊 Meta OpenAI Anthropic 博通 \
美光 海力士 阿斯麦 英特尔 AMD 高通 索尼 丰田 大众 宝马 辉瑞 礼来 诺和诺德 默沙东 罗氏 阿斯利康 \
西门子 施耐德 ABB 发那科 安川 霍尼韦尔 可口可乐 雀巢 联合利华 沃尔玛 Costco";

/// Industries with (a) company-name cores, (b) products and technologies, (c) industry KPIs.
pub struct IndustrySpec {
    pub name: &'static str,
    pub cores: &'static str,
    pub terms: &'static str,
    pub kpis: &'static str,
}

pub const INDUSTRIES: &[IndustrySpec] = &[
    IndustrySpec {
        name: "电子",
        cores: "电子 微电 光电 半导体 精密 集成 芯 晶科 微纳 光学 电路 显示 存储",
        terms: "芯片 半导体 晶圆 封装测试 先进封装 存储芯片 模拟芯片 功率器件 碳化硅 氮化镓 IGBT MOSFET \
射频前端 滤波器 图像传感器 MCU SoC FPGA GPU 光刻胶 刻蚀设备 薄膜沉积设备 清洗设备 硅片 靶材 电子特气 \
PCB 覆铜板 被动元件 MLCC 连接器 面板 OLED MiniLED 消费电子 智能手机 可穿戴设备 TWS耳机 XR头显 \
光模块 HBM DDR5 NAND 晶圆代工 成熟制程 先进制程 Chiplet 玻璃基板 散热模组 折叠屏 摄像头模组 \
声学器件 马达 电源管理芯片 驱动芯片 传感器 探针卡 测试机 分选机 键合机 减薄机 CMP抛光液",
        kpis: "稼动率 良率 出货量 晶圆产能 库存周转天数 单机价值量 ASP 渗透率 国产化率 订单能见度",
    },
    IndustrySpec {
        name: "计算机",
        cores: "软件 信息 数据 网络 智能 云 数智 信安 科技 计算",
        terms: "大模型 算力 AI服务器 智算中心 信创 操作系统 数据库 中间件 云计算 SaaS 网络安全 数据要素 \
工业软件 EDA ERP 智能驾驶 车联网 金融IT 医疗IT 政务云 AIGC 多模态 智能体 Agent 推理算力 训练集群 \
开源模型 向量数据库 知识库 AI应用 AI眼镜 AIPC AI手机 端侧模型 MaaS 算力租赁 数据标注 低代码 \
数字政府 智慧城市 电子政务 隐私计算 密码产品 云原生 容器 存算一体 液冷服务器 国产GPU 推理芯片",
        kpis: "ARR 续费率 人效 合同负债 订单金额 付费用户数 token调用量 算力规模 毛利率 研发人员占比",
    },
    IndustrySpec {
        name: "通信",
        cores: "通信 光通 网络 讯 光纤 卫通 联通 天线",
        terms: "5G 5G-A 6G 基站 光纤光缆 光通信 交换机 路由器 卫星互联网 低轨卫星 物联网模组 运营商 IDC \
液冷 数据中心 海缆 光芯片 硅光 CPO 800G光模块 1.6T光模块 铜缆高速连接 AEC 卫星终端 北斗导航 \
专网通信 边缘计算 光器件 无线模组 射频器件 天线振子 算力网络 东数西算",
        kpis: "资本开支 ARPU 用户数 带宽 端口数 发货量 交付节奏 在手订单 流量增速 机柜上架率",
    },
    IndustrySpec {
        name: "医药生物",
        cores: "医药 生物 药业 制药 医疗 康 健康 基因 生命 诊断",
        terms: "创新药 仿制药 集采 医保谈判 CXO CDMO 原料药 生物类似药 疫苗 血制品 单抗 双抗 ADC GLP-1 \
细胞治疗 基因治疗 医疗器械 IVD 体外诊断 高值耗材 低值耗材 医疗服务 眼科 口腔 中药 创新器械 临床试验 \
III期临床 II期临床 NDA IND 小核酸 mRNA PD-1 CAR-T 减重药物 医美 玻尿酸 胶原蛋白 连锁药房 \
静脉注射剂 吸入制剂 透析耗材 手术机器人 内窥镜 超声设备 监护仪 分子诊断 化学发光 人血白蛋白 静丙",
        kpis: "入组进度 获批适应症 样本量 浆站数量 采浆量 中标价 终端覆盖率 临床数据 BD交易 首付款",
    },
    IndustrySpec {
        name: "食品饮料",
        cores: "食品 酒业 乳业 饮品 酿造 啤酒 味业 粮油",
        terms: "白酒 高端白酒 次高端白酒 啤酒 乳制品 调味品 速冻食品 休闲零食 软饮料 预制菜 渠道库存 批价 \
动销 经销商 提价 酱香型 浓香型 清香型 大单品 宴席场景 礼赠需求 商超渠道 零食量贩 线上直播 原奶价格 \
低温奶 奶粉 酵母 复合调味料 饮料新品 无糖茶 能量饮料 精酿 高端化 中秋国庆双节 春节备货",
        kpis: "回款率 合同负债 批价 吨价 渠道库存 费用投放 经销商数量 单店收入 复购率 品牌力",
    },
    IndustrySpec {
        name: "汽车",
        cores: "汽车 汽配 车业 动力 驱动 底盘 车联",
        terms: "新能源车 乘用车 商用车 智能座舱 线控底盘 热管理 一体化压铸 激光雷达 毫米波雷达 域控制器 \
汽车电子 轮胎 座椅 车灯 空气悬架 增程式 插混 纯电 出口 重卡 客车 两轮车 城市NOA 高速NOA 端到端 \
Robotaxi 车载芯片 电驱系统 充电桩 换电 轻量化 内饰件 安全气囊 智驾平台",
        kpis: "销量 批发量 零售量 单车价值量 单车净利 渗透率 定点金额 产能利用率 出口量 库存系数",
    },
    IndustrySpec {
        name: "电力设备",
        cores: "新能源 锂能 电气 能源 光能 风电 储能 电池",
        terms: "锂电池 动力电池 储能 光伏 硅料 组件 逆变器 风电 海上风电 特高压 电网投资 氢能 电解槽 \
钠离子电池 固态电池 正极材料 负极材料 隔膜 电解液 铜箔 结构件 TOPCon HJT BC电池 钙钛矿 大储 户储 \
工商业储能 变压器 开关柜 智能电表 虚拟电厂 充放电 风机 叶片 塔筒 海缆 主轴承 六氟磷酸锂 锂盐",
        kpis: "排产 装机量 中标价格 单瓦盈利 出货量 开工率 电芯价格 招标规模 海外收入占比 产能利用率",
    },
    IndustrySpec {
        name: "机械设备",
        cores: "机械 重工 装备 精工 智造 机电 液压 动力",
        terms: "工程机械 挖掘机 人形机器人 工业机器人 减速器 伺服电机 工业母机 数控机床 注塑机 激光设备 \
检测设备 叉车 起重机 高空作业平台 轴承 丝杠 灵巧手 传感器 油气设备 半导体设备零部件 锂电设备 \
光伏设备 3D打印 刀具 气体压缩机 真空泵 自动化产线 仪器仪表 农机 矿山机械 轨交装备 船舶",
        kpis: "开工小时数 销量 出口额 订单增速 交付周期 国产化率 毛利率 产能 单台价值量 更新需求",
    },
    IndustrySpec {
        name: "有色金属",
        cores: "矿业 金属 钴业 锂业 铜业 铝业 稀土 钨业 材料",
        terms: "铜 铝 黄金 白银 锂 钴 镍 稀土 钨 钼 锡 锑 锗 镓 铜精矿 电解铝 氧化铝 再生铝 锂辉石 \
锂云母 碳酸锂 氢氧化锂 磁材 钕铁硼 铝箔 铜加工 矿山资源 金价 铜价 铝价 加工费 TC/RC",
        kpis: "产量 自给率 资源储量 完全成本 金属价格 加工费 库存 矿山品位 吨净利 扩产节奏",
    },
    IndustrySpec {
        name: "基础化工",
        cores: "化工 化学 新材 化学品 氟化 硅业 石化 塑业",
        terms: "化工新材料 MDI TDI 纯碱 钛白粉 农药 化肥 磷化工 氟化工 有机硅 可降解塑料 聚氨酯 \
制冷剂 维生素 氨基酸 染料 涂料 胶粘剂 碳纤维 芳纶 电子化学品 湿电子化学品 光刻胶单体 OLED材料 \
PVC 聚烯烃 尼龙 POE EVA 轮胎胶 草甘膦 复合肥 钾肥 磷矿石 萤石 工业硅",
        kpis: "价差 开工率 库存 装置检修 产能 单吨盈利 原料成本 出口量 配额 景气指数",
    },
    IndustrySpec {
        name: "银行",
        cores: "银行 农商 商行",
        terms: "净息差 不良率 拨备覆盖率 存款 贷款 信贷投放 资本充足率 零售贷款 对公贷款 按揭贷款 \
普惠金融 财富管理 中间业务收入 其他非息收入 债券投资 存款成本 负债成本 资产质量 关注类贷款 \
逾期率 核心一级资本 分红 估值修复 化债 地方政府专项债",
        kpis: "ROE 净息差 不良率 拨备覆盖率 贷款增速 存款增速 成本收入比 PB 股息率 核心一级资本充足率",
    },
    IndustrySpec {
        name: "非银金融",
        cores: "证券 保险 信托 期货 金控 资本",
        terms: "券商 经纪业务 投行业务 自营业务 资管业务 两融余额 日均成交额 IPO 再融资 并购重组 保费 \
新业务价值 寿险 财险 综合成本率 投资收益 偿付能力 个险渠道 银保渠道 代理人 公募基金 ETF 私募 \
期货公司 金融科技 互联网券商 跨境理财通",
        kpis: "ROE NBV 保费增速 成交额 两融余额 市占率 综合成本率 PEV 投资收益率 管理规模",
    },
    IndustrySpec {
        name: "传媒",
        cores: "传媒 文化 影业 互娱 游戏 出版 网络",
        terms: "游戏 版号 影视 院线 票房 短剧 广告 出版 IP 元宇宙 小游戏 出海 买量 流水 长视频 短视频 \
直播电商 数字营销 AI营销 AI陪伴 潮玩 卡牌 演唱会 文旅 教育出版 数字藏品 虚拟人",
        kpis: "流水 月活 付费率 ARPPU 票房 排片率 广告收入 版号数量 留存率 买量成本",
    },
    IndustrySpec {
        name: "交通运输",
        cores: "物流 航空 港口 航运 快运 高速 铁路 速递",
        terms: "航空 机场 快递 航运 集运 油运 干散货 港口 公路 铁路 跨境物流 航空货运 供应链 冷链 \
客座率 票价 燃油成本 运价指数 件量 单票收入 高速公路 收费公路 低空经济 eVTOL 无人机物流",
        kpis: "运价 件量 单票收入 客座率 吞吐量 周转量 客流量 航班量 燃油成本 单位成本",
    },
    IndustrySpec {
        name: "家用电器",
        cores: "电器 家电 厨电 智能 家居 制冷",
        terms: "空调 冰箱 洗衣机 扫地机器人 厨电 小家电 内销 出口 以旧换新 清洁电器 投影仪 电视 \
热水器 洗碗机 集成灶 吸尘器 个护小电 空调压缩机 家电零部件 智能家居 海外自主品牌 OEM ODM",
        kpis: "排产 内销量 出口量 均价 线上零售额 市占率 库存 毛利率 海外收入占比 渠道库存",
    },
    IndustrySpec {
        name: "农林牧渔",
        cores: "农业 牧业 种业 饲料 水产 农牧 生物",
        terms: "生猪 能繁母猪 猪价 饲料 种子 转基因 白羽鸡 黄羽鸡 肉牛 奶牛 水产养殖 宠物食品 动物疫苗 \
玉米 大豆 小麦 种猪 仔猪 出栏量 养殖成本 屠宰 农产品价格 粮食安全 种业振兴",
        kpis: "出栏量 完全成本 头均盈利 存栏量 饲料销量 种子销量 市占率 PSY 料肉比 价格",
    },
    IndustrySpec {
        name: "国防军工",
        cores: "航天 航空 防务 军工 电科 兵器 卫星",
        terms: "航空发动机 军机 导弹 雷达 卫星 无人机 商业航天 大飞机 C919 航空复材 高温合金 钛合金 \
军工电子 连接器 惯导 红外 光电吊舱 火箭发射 卫星载荷 军贸 十四五规划 装备采购 国产化配套",
        kpis: "订单 交付量 预收款 合同负债 产能 军品收入占比 毛利率 应收账款 发射次数 配套份额",
    },
];

/// Generic business nouns, shared by all industries.
pub const BIZ_NOUNS: &str = "营业收入 归母净利润 扣非净利润 毛利率 净利率 期间费用率 销售费用 管理费用 \
研发费用 财务费用 经营性现金流 资本开支 存货 应收账款 合同负债 在手订单 产能 产能利用率 出货量 市场份额 \
渗透率 国产化率 单价 均价 库存 市占率 客户结构 产品结构 收入结构 估值 市盈率 市净率 股息率 分红率 回购 \
定增 可转债 股权激励 员工持股计划 海外业务 国内业务 主营业务 核心业务 第二增长曲线 成本优势 规模效应 \
品牌优势 技术壁垒 客户粘性 议价能力 供应链 产业链 上游 下游 中游 龙头企业 二线厂商 竞争格局 行业集中度 \
需求端 供给端 景气度 基本面 业绩弹性 盈利能力 成长性 现金流 资产负债率 ROE ROIC 研发投入 专利 \
新产品 新客户 新产能 募投项目 扩产计划 产品矩阵 平台化 一体化 全球化 数字化 智能化 高端化 国际化 \
降本增效 提质增效 精益管理 渠道建设 营销网络 服务体系 产能爬坡 订单交付 项目中标 政策支持 行业标准 \
市场空间 行业规模 复合增速 CAGR 同比增速 环比增速 单季度 全年 中长期 短期 拐点 底部 高点 中枢";

/// Verbs and verb phrases (neutral-to-positive).
pub const VERBS_UP: &str =
    "受益于 持续推进 加速布局 实现 带动 拉动 驱动 推动 提升 改善 修复 回暖 企稳 \
兑现 验证 落地 突破 扩张 导入 量产 出货 交付 放量 拓展 深化 优化 夯实 巩固 强化 加码 发力 领跑 \
跻身 切入 卡位 绑定 斩获 获得 签订 中标 扩充 释放 打开 打造 构筑 升级 迭代 攀升 增长 上行 回升";

/// Verbs and verb phrases (negative).
pub const VERBS_DOWN: &str =
    "承压 放缓 下滑 回落 下行 收窄 拖累 压制 扰动 波动 减弱 低于预期 不及预期 \
出清 去化 调整 下探 走弱 探底 萎缩 受阻 延后 推迟";

/// Degree adverbs and adjectives.
pub const ADVS: &str =
    "显著 稳健 快速 持续 逐步 明显 大幅 小幅 强劲 温和 稳步 加速 边际 有效 全面 \
进一步 较快 超预期地 阶段性 结构性 持续性 大概率 有望 预计将 或将 仍将 有望持续";

/// Sentence openers and connectives.
pub const CONNS: &str = "我们认为 我们预计 我们判断 综合来看 总体来看 具体来看 分业务看 分产品看 \
分区域看 从季度来看 从长期来看 短期来看 中期来看 展望未来 与此同时 此外 另一方面 值得注意的是 \
需要指出的是 考虑到 根据公司公告 据行业协会数据 根据我们的测算 从历史经验看 横向对比来看 \
从估值角度看 从供需格局看 从政策层面看 从技术路线看";

/// Policies and macro events (coined phrasing).
pub const EVENTS: &str = "设备更新政策 以旧换新政策 新质生产力 反内卷 稳增长政策 中央经济工作会议 \
全国两会 美联储降息 关税政策调整 出口管制 地产收储 化债政策 降准降息 专项债发行 国产替代 \
数字经济规划 人工智能+行动 低空经济政策 医保目录调整 集采续约 产能置换 能耗双控 碳达峰 碳中和 \
汇率波动 海外补库 供应链重构 地缘冲突";

/// Places and markets.
pub const PLACES: &str = "长三角 珠三角 成渝地区 京津冀 东南亚 欧洲 北美 中东 拉美 印度 日本 韩国 \
非洲 中亚 越南 墨西哥 德国 美国 巴西 澳大利亚 上海 深圳 苏州 合肥 武汉 成都 西安 重庆 杭州 \
无锡 南京 广州 东莞 青岛 厦门 长沙 郑州 天津 宁波 佛山";

/// Risk items for 风险提示.
pub const RISKS: &str = "下游需求不及预期 市场竞争加剧 原材料价格波动 新产品研发进展不及预期 \
行业政策变化 汇率波动风险 产能释放不及预期 地缘政治风险 宏观经济下行 技术迭代风险 客户集中度较高 \
商誉减值风险 行业景气度下行 大模型商业化进展不及预期 测算误差风险 海外贸易摩擦加剧 应收账款回收风险 \
限售股解禁风险 核心人员流失 项目建设进度不及预期 价格战加剧 集采降价超预期 临床试验失败风险 \
安全生产风险 环保政策趋严 算力供给受限 存货减值风险 订单交付不及预期 重大诉讼风险 数据安全风险";

/// Chart and table subjects.
pub const CHART_SUBJECTS: &str =
    "营业收入及增速 归母净利润及增速 毛利率与净利率 期间费用率 研发投入 \
经营性现金流 分业务收入结构 分地区收入结构 市场规模及增速 出货量及增速 市场份额 产能规划 \
季度收入 季度毛利率 存货及周转天数 PE-Band PB-Band 相对指数表现 价格走势 库存走势";

/// Data sources quoted under charts.
pub const SOURCES: &str = "Wind iFinD 公司公告 公司年报 国家统计局 海关总署 行业协会 IDC Gartner \
TrendForce Counterpoint SEMI 中汽协 乘联会 卫健委 医保局 工信部 彭博 公司官网";

/// Sentence templates for body paragraphs. Frequency follows list order (Zipf-like), shuffled per seed.
pub const SENTENCES: &[&str] = &[
    "{conn}，{co}{q}实现营业收入{amt}，同比{chg}；实现归母净利润{amt}，同比{chg}。",
    "受益于{t}需求{adv}回暖，公司{q}毛利率提升至{pct}，环比提升{pp}。",
    "{conn}，{ind}行业{kpi}{adv}{vup}，龙头公司有望率先受益。",
    "公司在{t}领域深耕多年，已进入{gco}、{co2}等头部客户供应链，{t2}业务{adv}{vup}。",
    "{mdl}发布后，{t}相关需求{adv}提升，{ind}板块估值中枢有望上移。",
    "{q}公司{biz}为{amt}，同比{chg}，主要系{t}{vdown}所致。",
    "我们预计{yr}年{t}市场规模将达到{amt}，{yr0}-{yr}年CAGR约为{pct}。",
    "{conn}，{event}有望带动{t}需求，公司作为{ind}龙头{adv}受益。",
    "公司{t}产品已完成{gco}认证，预计{yr}年开始批量供货，对应收入弹性约{amt}。",
    "从{kpi}来看，{q}行业整体为{pct}，较上年同期提升{pp}，其中{co}表现优于行业。",
    "{co}发布{yr0}年年报，全年实现营收{amt}（{chg}），归母净利润{amt}（{chg}），业绩{judg}。",
    "{conn}，{t}价格{vdown}对公司{biz}形成一定拖累，但{t2}业务{vup}部分对冲。",
    "公司拟投资{amt}建设年产{num}万件{t}项目，达产后预计新增年收入{amt}。",
    "截至{date}，公司在手订单约{amt}，覆盖未来{num2}个季度收入，业绩确定性较强。",
    "{place}市场{kpi}{adv}{vup}，公司海外收入占比由{pct}提升至{pct}。",
    "{conn}，以{mdl}为代表的开源模型降低了推理成本，{t}的商业化进程有望加速。",
    "{co}与{co2}签署战略合作协议，双方将在{t}、{t2}等方向开展联合研发。",
    "{q}公司销售费用率、管理费用率、研发费用率分别为{pct}、{pct}、{pct}，同比分别{pchg}、{pchg}、{pchg}。",
    "行业层面，{t}供给{vdown}，而需求端受{event}拉动{vup}，供需格局{adv}改善。",
    "公司经营性现金流净额为{amt}，同比{chg}，现金流表现{judg}。",
    "我们看好公司在{t}赛道的卡位优势，{t2}有望成为第二增长曲线。",
    "{conn}，{gco}上调{yr}年资本开支指引至{usd}，{t}链条订单能见度提升。",
    "按照{mult}倍{yr}年PE估值，对应目标价{px}，较当前股价有{pct}的上涨空间。",
    "{co}（{tk}）{q}营收增速为{pct}，显著高于可比公司平均的{pct}。",
    "根据{src}数据，{yr0}年全球{t}出货量为{num}万台，同比{chg}。",
    "{conn}，公司持续加大研发投入，{q}研发费用达{amt}，占营收比重{pct}。",
    "当前{ind}板块PE（TTM）为{mult}倍，处于近五年{pct}分位，估值具备安全边际。",
    "公司{t}产能由{num}万片/月扩充至{num}万片/月，规模效应将进一步显现。",
    "{event}背景下，{t}国产化率有望从{pct}提升至{pct}以上。",
    "{conn}，公司{kpi}为{pct}，较行业平均高出{pp}，竞争优势明显。",
    "{co}此前公告，拟以{px}/股的价格回购股份，回购总额不超过{amt}。",
    "我们测算{t}单机价值量约为{px}，假设{yr}年渗透率达到{pct}，对应市场空间{amt}。",
    "{mdl}在推理能力上接近{mdl2}，而训练成本仅为后者的{pct}，{t}需求结构或将改变。",
    "公司{q}{t}业务收入{amt}，同比{chg}，占总营收比重提升至{pct}。",
    "{conn}，下游{t}客户库存{vdown}，{yr}年有望迎来补库周期。",
    "{co}的{t}产品性能对标{gco}，价格低约{pct}，具备较强的性价比优势。",
    "{date}，{gco}发布{mdl}，带动{ind}板块单日上涨{pct}，其中{co}涨停。",
    "公司实施股权激励计划，考核目标为{yr}年营收不低于{amt}，彰显管理层信心。",
    "从{kpi}角度看，{co}{adv}领先于{co2}和{co3}。",
    "{conn}，{t}行业已进入{judg2}阶段，建议关注具备{biz}优势的龙头企业。",
    "考虑到{t}价格{vdown}，我们下调公司{yr}年盈利预测{pct}。",
    "{q}行业{kpi}环比{pchg}，其中{place}地区贡献主要增量。",
    "公司发布{yr0}年度利润分配预案，拟每10股派发现金红利{px}，分红率约为{pct}。",
    "{co}在{place}建设的{t}基地预计于{yr}年投产，届时总产能将达到{num}万吨。",
    "结合{src}跟踪数据，{q}{t}渠道库存降至{num2}周，处于健康水平。",
    "{conn}，{t}技术路线逐步收敛，{t2}方案有望在{yr}年成为主流。",
    "公司{q}单季度毛利率为{pct}，同比{pchg}，环比{pchg}，主要受产品结构变化影响。",
    "{co}近期获得{gco}的{t}订单，金额约{usd}，占公司上年营收的{pct}。",
    "海外方面，公司在{place}的子公司实现收入{amt}，同比{chg}。",
    "{conn}，{ind}行业的竞争格局正由{judg2}转向集中，{co}市占率有望持续提升。",
    "AI大模型持续迭代，{mdl}、{mdl2}等模型的发布推动{t}从训练向推理延伸。",
    "公司资产负债率为{pct}，较年初{pchg}，财务结构保持稳健。",
    "{co}的{kpi}达到{pct}，在同业中排名第{rank}位。",
    "我们维持对{ind}行业的{indrate}评级，重点推荐{co}、{co2}、{co3}。",
    "{t}行业集中度CR5约为{pct}，头部企业议价能力较强。",
    "在{event}的推动下，{q}{t}招标量同比{chg}。",
    "公司{t}毛利率为{pct}，{t2}毛利率为{pct}，两者差距{adv}收窄。",
    "{conn}，{co}通过收购{co2}切入{t}领域，协同效应有望在{yr}年显现。",
    "{q}公司期间费用合计{amt}，费用率为{pct}，同比{pchg}。",
    "{gco}{q}财报显示数据中心收入同比{chg}，印证全球{t}需求仍处高景气。",
    "{conn}，我们将公司{yr}年营收预测由{amt}调整为{amt}。",
    "{co}与{univ}共建{t}联合实验室，研发团队规模超过{num}人。",
    "截至{q}末，公司存货为{amt}，存货周转天数为{num}天，较年初{pchg}。",
    "{t}的降本路径清晰，预计{yr}年成本有望下降{pct}，带动需求加速释放。",
    "公司{q}扣非净利润{amt}，同比{chg}，非经常性损益主要为政府补助。",
    "以{yr}年{mult}倍PS估值测算，公司合理市值约为{amt}。",
    "部分投资者担心{t}{vdown}，但我们认为{conn2}，行业中长期逻辑未变。",
    "{co}的{t}良率已提升至{pct}，接近{gco}的水平。",
    "{mdl}的API调用价格为每百万token {usdp}，较上一代下降{pct}。",
    "{cofull}主要从事{t}及{t2}的研发、生产和销售，产品广泛应用于{ind}等领域。",
    "公司董事长{person}在业绩说明会上表示，{yr}年将继续加大{t}领域的投入。",
    "{person}出任总经理后，公司推动{biz}改革，{kpi}{adv}{vup}。",
    "公司核心技术人员{person}、{person}均拥有{num2}年以上{t}研发经验。",
    "{place}{t}项目共{num}个标段，{co}中标其中{rank}个，中标金额{amt}。",
];

/// Conclusions used inside sentences.
pub const JUDGMENTS: &str = "符合预期 略超预期 超出市场预期 略低于预期 基本符合此前业绩预告 \
好于市场一致预期 低于我们此前预期 稳健向好 环比改善明显";

/// Industry stage phrases.
pub const STAGES: &str =
    "成长期 成熟期 导入期 出清期 整合期 复苏期 高景气 分散竞争 寡头竞争 价格竞争";

/// Mid-sentence concessive clauses.
pub const CONNS2: &str = "需求的结构性变化仍在延续 行业供需关系正在改善 短期扰动不改长期趋势 \
龙头公司的份额仍在提升 技术迭代将持续创造新需求 估值已充分反映悲观预期";

/// Universities and institutes (generic coined names).
pub const UNIVS: &str =
    "华东理工研究院 中科智造研究院 清源大学 东湖实验室 南岭大学 西部科创研究院 \
江海大学 北辰工业大学 海川医学院 国家重点实验室";

/// Headline templates for company reports.
pub const HEADLINES_CO: &[&str] = &[
    "{q}业绩超预期，{t}放量在即",
    "深耕{t}，成长空间广阔",
    "首次覆盖：{t}龙头，{adv}成长",
    "{yr0}年报点评：业绩{judg}，{t2}打开新空间",
    "{t}量价齐升，盈利能力{adv}改善",
    "新产能陆续投放，{t}业务{vup}",
    "{mdl}催化{t}需求，公司{adv}受益",
    "经营拐点已现，维持买入评级",
    "{q}利润{vdown}，静待{t}需求回暖",
    "全球化布局加速，{place}市场打开空间",
    "回购彰显信心，{t}卡位优势明显",
    "{t}+{t2}双轮驱动，平台化布局成型",
    "股权激励落地，{yr}年目标清晰",
    "{q}点评：毛利率{vup}，费用管控良好",
    "高分红+低估值，{ind}优质标的",
    "深度报告：{t}国产替代的先行者",
];

/// Headline templates for industry and strategy reports.
pub const HEADLINES_IND: &[&str] = &[
    "{ind}行业{month}月报：{t}景气{vup}",
    "{ind}行业周报：{mdl}发布，关注{t}链机会",
    "{ind}行业深度：{t}——下一个千亿赛道",
    "{yr}年{ind}行业投资策略：把握{t}与{t2}两条主线",
    "{ind}行业点评：{event}落地，{t}迎来新机遇",
    "{ind}{q}业绩综述：分化加剧，龙头{vup}",
    "{t}专题研究：格局、空间与投资机会",
    "{ind}行业{yr0}年报总结：{t}盈利{vup}",
    "AI系列报告之{num2}：{mdl}带来的{t}需求测算",
    "{ind}基金持仓分析：{q}配置比例{vup}",
    "{event}对{ind}行业的影响分析",
    "{ind}行业中期策略：{t}底部已现，{t2}弹性可期",
];

/// Section heading templates for the body.
pub const SECTION_HEADS: &[&str] = &[
    "{t}：{adv}受益于{event}",
    "公司概况：深耕{t}的{ind}龙头",
    "{t}行业：市场空间广阔，国产替代加速",
    "业绩回顾：{q}收入{chg2}",
    "核心竞争力：技术、客户与规模优势",
    "{t2}业务：第二增长曲线逐步成型",
    "行业格局：龙头集中度{adv}提升",
    "{mdl}引发的产业变化",
    "需求端：{place}市场{vup}",
    "供给端：新增产能有限，价格{vup}",
    "盈利能力：毛利率{vup}，费用率下降",
    "海外业务：全球化布局进入收获期",
    "估值分析：当前估值处于历史低位",
    "产业链梳理：{t}上下游价值量拆分",
    "投资逻辑：为何当前时点看好{co}",
];

/// Disclaimer sentences (coined); each broker keeps its own subset and order.
pub const DISCLAIMER: &[&str] = &[
    "本报告仅供{broker}（以下简称“本公司”）的客户使用，本公司不会因接收人收到本报告而视其为客户。",
    "本报告所载资料的来源被认为是可靠的，但本公司不保证其准确性或完整性，也不保证所包含的信息和建议不会发生任何变更。",
    "本报告中的资料、意见及推测仅反映本公司于发布本报告当日的判断，在不同时期，本公司可发出与本报告所载资料、意见及推测不一致的报告。",
    "在任何情况下，本报告中的信息或所表述的意见均不构成对任何人的投资建议，投资者应自主作出投资决策并自行承担投资风险。",
    "本公司及其所属关联机构可能会持有报告中提到的公司所发行的证券头寸并进行交易，也可能为这些公司提供或者争取提供投资银行、财务顾问或者金融产品等相关服务。",
    "本报告版权仅为本公司所有，未经书面许可，任何机构和个人不得以任何形式翻版、复制、发表或引用。",
    "如征得本公司同意进行引用、刊发的，需在允许的范围内使用，并注明出处为“{broker}研究所”，且不得对本报告进行任何有悖原意的引用、删节和修改。",
    "市场有风险，投资需谨慎。过往表现不应作为日后表现的指示和担保。",
    "本公司具备中国证监会核准的证券投资咨询业务资格。",
    "本报告中提及的投资价格和价值以及这些投资带来的收入可能会波动，投资者可能无法收回全部投入本金。",
    "本报告可能附带其他网站的地址或超级链接，对于此类链接，本公司不对其内容负责，链接内容不构成本报告的任何部分。",
    "投资者应当充分考虑自身特定状况，并完整理解和使用本报告内容，不应视本报告为作出投资决策的唯一因素。",
    "本公司研究人员可能与报告中提及的公司存在业务往来，但本公司已建立信息隔离墙制度以管理潜在利益冲突。",
    "本报告的分发对象仅限于依法可以接收的机构投资者，在任何地区使用本报告均须遵守当地法律法规。",
    "若本报告的接收人非本公司的客户，应在基于本报告作出任何投资决定或就本报告要求任何解释前咨询独立投资顾问。",
    "本报告不针对任何特定投资者的投资目标、财务状况或特别需求，据此投资，责任自负。",
    "除非另有说明，本报告中的数据均来源于公开资料，价格信息为报告发布前一交易日收盘价。",
    "本公司不对使用本报告或其内容所引致的任何直接或间接损失承担任何责任。",
];

/// Analyst certification templates.
pub const ANALYST_STATEMENT: &[&str] = &[
    "作者具有中国证券业协会授予的证券投资咨询执业资格并注册为证券分析师，以勤勉的职业态度，独立、客观地出具本报告。分析逻辑基于作者的职业理解，本报告清晰准确地反映了作者的研究观点，力求独立、客观和公正，结论不受任何第三方的授意或影响，特此声明。",
    "负责撰写本报告的每一位证券分析师在此声明：本报告所表述的观点准确反映了分析师本人对标的证券和发行人的看法；分析师薪酬的任何部分过去不曾与、现在不与、未来也将不会与本报告中的具体推荐或观点直接或间接相关。",
    "本人具有中国证券业协会授予的证券投资咨询执业资格，以勤勉尽责的职业态度，独立、客观地出具本报告。本报告所采用的数据均来自合规渠道，分析逻辑基于本人的职业理解，通过合理判断得出结论，力求客观、公正。",
    "本报告署名分析师承诺：以独立、客观、公正的原则撰写本报告，报告所载观点未受任何利益相关方影响，分析师未因本报告的具体观点而获得任何形式的补偿。",
];

/// Stock rating names with (lower, upper) excess-return bounds; filled per broker.
pub const STOCK_RATINGS: &[&str] = &["买入", "增持", "中性", "减持", "卖出"];
pub const STOCK_RATINGS_ALT: &[&str] = &["强烈推荐", "推荐", "谨慎推荐", "中性", "回避"];
pub const INDUSTRY_RATINGS: &[&str] = &["看好", "中性", "看淡"];
pub const INDUSTRY_RATINGS_ALT: &[&str] = &["增持", "中性", "减持"];

/// Benchmarks named in the rating scale.
pub const BENCHMARKS: &str = "沪深300指数 中证800指数 上证综指 深证成指 恒生指数 纳斯达克综合指数";

/// Page footer texts (a broker keeps one).
pub const FOOTERS: &[&str] = &[
    "请务必阅读正文之后的免责声明部分",
    "敬请参阅最后一页特别声明",
    "请仔细阅读本报告末页声明",
    "本报告仅供机构投资者参考，请阅读末页重要声明",
    "证券研究报告 请务必阅读正文后的重要声明",
    "请务必阅读报告末页的信息披露和法律声明",
];

/// Report type labels in the header.
pub const REPORT_TYPES_CO: &str =
    "公司深度报告 公司点评报告 公司研究 公司动态 首次覆盖报告 年报点评 季报点评 事件点评";
pub const REPORT_TYPES_IND: &str =
    "行业深度报告 行业周报 行业月报 行业点评 行业专题 投资策略 产业研究";

/// Markers left over from report-authoring templates.
pub const MARKERS: &str =
    "[Table_Title] [Table_Summary] [Table_Author] [Table_Rank] [Table_Industry] \
[Table_Date] [Table_BaseData] [Table_Finance] [Table_ReportType] [Table_StockInfo] [Table_Chart] \
[Table_Invest] [Table_Contact]";
