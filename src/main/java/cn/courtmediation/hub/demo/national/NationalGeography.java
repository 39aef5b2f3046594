package cn.courtmediation.hub.demo.national;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The administrative divisions behind the generated national registry: provinces, prefectures, county counts, special courts. */
final class NationalGeography {

    /**
     * A province-level division. Municipalities have no prefectures: their districts hang directly under
     * numbered intermediate courts. {@code counties} counts the county-level divisions that get a basic court.
     */
    record Province(String prefix, String name, int numberedIntermediate, List<String> prefectures, int counties) {
        boolean municipality() {
            return numberedIntermediate > 0;
        }

        boolean corps() {
            return XPCC.equals(prefix);
        }

        /** Short form used in special court names, e.g. 北京 in 北京铁路运输法院. */
        String shortName() {
            return name.substring(0, name.length() - 1);
        }

        /** The capital: the first prefecture, or the municipality itself. */
        String capital() {
            return municipality() ? shortName() : prefectures.get(0);
        }
    }

    /** A county-level division with a real code and name. */
    record County(String region, String name) {
    }

    /** Not an official province code: the Corps' courts are numbered under 66 here, apart from Xinjiang's 65. */
    static final String XPCC = "66";

    static final List<Province> PROVINCES = List.of(
            municipality("11", "北京市", 4, 16),
            municipality("12", "天津市", 3, 16),
            province("13", "河北省", "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水", 167),
            province("14", "山西省", "太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁", 117),
            province("15", "内蒙古自治区", "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安盟 锡林郭勒盟 阿拉善盟", 103),
            province("21", "辽宁省", "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛", 100),
            province("22", "吉林省", "长春 吉林 四平 辽源 通化 白山 松原 白城 延边朝鲜族自治州", 60),
            province("23", "黑龙江省", "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭地区", 121),
            municipality("31", "上海市", 3, 16),
            province("32", "江苏省", "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁", 95),
            province("33", "浙江省", "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水", 90),
            province("34", "安徽省", "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城", 104),
            province("35", "福建省", "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德", 84),
            province("36", "江西省", "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶", 100),
            province("37", "山东省", "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽", 136),
            province("41", "河南省", "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店", 157),
            province("42", "湖北省", "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施土家族苗族自治州", 103),
            province("43", "湖南省", "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西土家族苗族自治州", 122),
            province("44", "广东省", "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮", 122),
            province("45", "广西壮族自治区", "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左", 111),
            province("46", "海南省", "海口 三亚 三沙 儋州", 25),
            municipality("50", "重庆市", 5, 38),
            province("51", "四川省", "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳"
                    + " 阿坝藏族羌族自治州 甘孜藏族自治州 凉山彝族自治州", 183),
            province("52", "贵州省", "贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南布依族苗族自治州 黔东南苗族侗族自治州 黔南布依族苗族自治州", 88),
            province("53", "云南省", "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄彝族自治州 红河哈尼族彝族自治州 文山壮族苗族自治州"
                    + " 西双版纳傣族自治州 大理白族自治州 德宏傣族景颇族自治州 怒江傈僳族自治州 迪庆藏族自治州", 129),
            province("54", "西藏自治区", "拉萨 日喀则 昌都 林芝 山南 那曲 阿里地区", 74),
            province("61", "陕西省", "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛", 107),
            province("62", "甘肃省", "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏回族自治州 甘南藏族自治州", 86),
            province("63", "青海省", "西宁 海东 海北藏族自治州 黄南藏族自治州 海南藏族自治州 果洛藏族自治州 玉树藏族自治州 海西蒙古族藏族自治州", 44),
            province("64", "宁夏回族自治区", "银川 石嘴山 吴忠 固原 中卫", 22),
            province("65", "新疆维吾尔自治区", "乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉回族自治州 博尔塔拉蒙古自治州 巴音郭楞蒙古自治州 阿克苏地区"
                    + " 克孜勒苏柯尔克孜自治州 喀什地区 和田地区 伊犁哈萨克自治州 塔城地区 阿勒泰地区", 106),
            // The Corps' divisions stand where prefectures would; its basic courts are the reclamation-area courts.
            province(XPCC, "新疆生产建设兵团", "第一师 第二师 第三师 第四师 第五师 第六师 第七师 第八师 第九师 第十师 第十一师 第十二师"
                    + " 第十三师 第十四师", 40));

    /**
     * Real county-level divisions, keyed by the four-digit prefecture code (for municipalities: 01 districts,
     * 02 counties). Prefectures not listed get invented names under codes of the usual shape.
     */
    // The cities of the demo courts are real (C110105, C310115, C440305 keep their meaning), so are the other
    // municipalities; counties elsewhere are only counted and the generator invents plausible names for them.
    static final Map<String, List<County>> REAL_COUNTIES = Map.of(
            "1101", counties("110101东城区 110102西城区 110105朝阳区 110106丰台区 110107石景山区 110108海淀区 110109门头沟区"
                    + " 110111房山区 110112通州区 110113顺义区 110114昌平区 110115大兴区 110116怀柔区 110117平谷区 110118密云区 110119延庆区"),
            "1201", counties("120101和平区 120102河东区 120103河西区 120104南开区 120105河北区 120106红桥区 120110东丽区 120111西青区"
                    + " 120112津南区 120113北辰区 120114武清区 120115宝坻区 120116滨海新区 120117宁河区 120118静海区 120119蓟州区"),
            "3101", counties("310101黄浦区 310104徐汇区 310105长宁区 310106静安区 310107普陀区 310109虹口区 310110杨浦区 310112闵行区"
                    + " 310113宝山区 310114嘉定区 310115浦东新区 310116金山区 310117松江区 310118青浦区 310120奉贤区 310151崇明区"),
            "5001", counties("500101万州区 500102涪陵区 500103渝中区 500104大渡口区 500105江北区 500106沙坪坝区 500107九龙坡区"
                    + " 500108南岸区 500109北碚区 500110綦江区 500111大足区 500112渝北区 500113巴南区 500114黔江区 500115长寿区 500116江津区"
                    + " 500117合川区 500118永川区 500119南川区 500120璧山区 500151铜梁区 500152潼南区 500153荣昌区 500154开州区 500155梁平区"
                    + " 500156武隆区"),
            "5002", counties("500229城口县 500230丰都县 500231垫江县 500233忠县 500235云阳县 500236奉节县 500237巫山县 500238巫溪县"
                    + " 500240石柱土家族自治县 500241秀山土家族苗族自治县 500242酉阳土家族苗族自治县 500243彭水苗族土家族自治县"),
            "4401", counties("440103荔湾区 440104越秀区 440105海珠区 440106天河区 440111白云区 440112黄埔区 440113番禺区 440114花都区"
                    + " 440115南沙区 440117从化区 440118增城区"),
            "4403", counties("440303罗湖区 440304福田区 440305南山区 440306宝安区 440307龙岗区 440308盐田区 440309龙华区 440310坪山区"
                    + " 440311光明区"));

    /** Intermediate-level special courts (province prefix, name); railway transport courts fill up to the national total. */
    static final List<String[]> SPECIAL_INTERMEDIATE = pairs(
            "11北京知识产权法院 11北京金融法院 12天津海事法院 21大连海事法院 22长春林区中级法院 22延边林区中级法院"
            + " 23黑龙江省林区中级人民法院 31上海知识产权法院 31上海金融法院 31上海海事法院 32南京海事法院 33宁波海事法院 35厦门海事法院"
            + " 37青岛海事法院 42武汉海事法院 42汉江中级人民法院 44广州知识产权法院 44广州海事法院 45北海海事法院 46海口海事法院"
            + " 46海南自由贸易港知识产权法院 46海南省第一中级人民法院 46海南省第二中级人民法院 50成渝金融法院");

    /** Basic-level special courts with a real name (province prefix, name), seated in the capital. */
    static final List<String[]> SPECIAL_BASIC = pairs("11北京互联网法院 33杭州互联网法院 44广州互联网法院");

    /** Kinds of basic-level special court spread over the provinces to reach the national total; railway transport courts first. */
    static final List<String> SPECIAL_BASIC_KINDS = List.of(
            "铁路运输法院", "经济技术开发区人民法院", "高新技术产业开发区人民法院", "林区基层法院", "农垦法院", "矿区人民法院");

    private NationalGeography() {
    }

    /** The Chinese ordinal 第一 … 第十九 (numbered intermediate courts). */
    static String ordinal(int n) {
        String digits = "一二三四五六七八九";
        if (n < 1 || n > 19) {
            throw new IllegalArgumentException("ordinal " + n);
        }
        return "第" + (n < 10 ? String.valueOf(digits.charAt(n - 1)) : "十" + (n == 10 ? "" : digits.charAt(n - 11)));
    }

    /** How a prefecture is written in a court's name: cities take 市 (广州市), autonomous prefectures, leagues and areas do not. */
    static String prefecturePlace(Province p, String prefecture) {
        if (p.corps()) {
            return p.name() + prefecture;
        }
        boolean bare = prefecture.endsWith("自治州") || prefecture.endsWith("盟") || prefecture.endsWith("地区");
        return bare ? prefecture : prefecture + "市";
    }

    private static Province province(String prefix, String name, String prefectures, int counties) {
        return new Province(prefix, name, 0, List.of(prefectures.split(" ")), counties);
    }

    private static Province municipality(String prefix, String name, int numbered, int counties) {
        return new Province(prefix, name, numbered, List.of(), counties);
    }

    private static List<County> counties(String list) {
        List<County> out = new ArrayList<>();
        for (String entry : list.split(" ")) {
            out.add(new County(entry.substring(0, 6), entry.substring(6)));
        }
        return List.copyOf(out);
    }

    private static List<String[]> pairs(String list) {
        List<String[]> out = new ArrayList<>();
        for (String entry : list.split(" ")) {
            out.add(new String[] {entry.substring(0, 2), entry.substring(2)});
        }
        return List.copyOf(out);
    }
}
