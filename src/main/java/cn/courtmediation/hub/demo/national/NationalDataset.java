package cn.courtmediation.hub.demo.national;

import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.demo.national.NationalGeography.County;
import cn.courtmediation.hub.demo.national.NationalGeography.Province;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.CourtLevel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** The whole national registry generated from a seed: the same seed gives the same entries in the same order (the same CSV, byte for byte). */
public final class NationalDataset {
    public static final int INTERMEDIATE_COURTS = 412;
    public static final int BASIC_COURTS = 3057;
    public static final int COURTS = 3502;
    /** Courts plus people's tribunals: 8,210, as published. */
    public static final int TRIBUNALS = 8210 - COURTS;
    public static final int UNITS = 38844;
    public static final int ORGANISATIONS = 32937;
    public static final int PARTNERS = 15;
    public static final int TOTAL = COURTS + TRIBUNALS + UNITS + ORGANISATIONS + PARTNERS;

    /** The "total-to-total" partner institutions: the nine of 2018 first, then the later ones. */
    private static final String[][] PARTNER_INSTITUTIONS = {
        {"NDRC-PCC", "国家发展和改革委员会价格认证中心"},
        {"PBOC", "中国人民银行"},
        {"CBIRC", "国家金融监督管理总局（原中国银行保险监督管理委员会）"},
        {"CSRC", "中国证券监督管理委员会"},
        {"CNIPA", "国家知识产权局"},
        {"ACFTU", "中华全国总工会"},
        {"ACFIC", "中华全国工商业联合会"},
        {"ACFROC", "中华全国归国华侨联合会"},
        {"CASME", "中国中小企业协会"},
        {"ACWF", "中华全国妇女联合会"},
        {"CCPIT", "中国国际贸易促进委员会"},
        {"CCA", "中国消费者协会"},
        {"MOHRSS", "人力资源和社会保障部"},
        {"MVA", "退役军人事务部"},
        {"CDPF", "中国残疾人联合会"},
    };

    /** The demo registry's courts keep their channel, so a demo message goes the same way with either registry. */
    private static final Map<String, Channel> DEMO_CHANNELS = Map.of(
            "C110105", Channel.REST, "C310115", Channel.SOAP, "C440305", Channel.REST);

    private static final String PLACE_FIRST = "东西南北安平永新宁丰长清和嘉泰兴华阳云临青金玉宝福龙凤德昌盛富康乐庆明通广定高会双石白红黄汉鹤柳桃杨松梅兰";
    private static final String PLACE_SECOND = "山川江河阳平安宁城源丘台林水泉溪湖岭峰原谷田桥关口池坪湾塘庄集店坝沟洲浦";
    private static final String[] UNIT_KINDS = {"街道综治中心", "镇综治中心", "乡综治中心", "社区网格服务站", "村人民调解委员会"};
    private static final String[] ORGANISATION_KINDS = {
        "人民调解委员会", "金融纠纷调解中心", "劳动人事争议调解中心", "商事调解中心", "医疗纠纷人民调解委员会",
        "道路交通事故纠纷调解委员会", "婚姻家庭纠纷调解委员会", "知识产权纠纷调解中心", "物业纠纷调解委员会", "消费纠纷调解中心",
        "律师调解中心", "行政争议调解中心", "保险纠纷调解中心", "证券期货纠纷调解中心", "价格争议调解中心",
        "涉侨纠纷调解中心", "商会调解中心", "家事纠纷调解中心"};
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金";
    private static final String GIVEN = "建国华明文丽志强海燕秀英桂兰德红军平春玉晓东新伟刚敏静立群";

    private final long seed;
    private final String simulator;

    /** @param simulatorUrl base URL the generated REST/SOAP endpoints point at (the participant simulator) */
    public NationalDataset(long seed, String simulatorUrl) {
        this.seed = seed;
        this.simulator = simulatorUrl.endsWith("/") ? simulatorUrl.substring(0, simulatorUrl.length() - 1) : simulatorUrl;
    }

    /** How many entries of each kind every generated registry has. */
    public static Map<Kind, Integer> expectedCounts() {
        Map<Kind, Integer> m = new EnumMap<>(Kind.class);
        m.put(Kind.COURT, COURTS);
        m.put(Kind.TRIBUNAL, TRIBUNALS);
        m.put(Kind.PARTNER, PARTNERS);
        m.put(Kind.MEDIATION_ORG, ORGANISATIONS);
        m.put(Kind.GRASSROOTS_UNIT, UNITS);
        return m;
    }

    /**
     * Streams every entry to the sink, parents before children: partners, courts by level, tribunals, units,
     * organisations. Only the courts and the units' docking points are held (about 11,000 small objects); units
     * and organisations are made on the fly, so memory stays small whatever the sink does with them.
     */
    public void generate(Consumer<Participant> sink) {
        SplittableRandom random = new SplittableRandom(seed);
        for (String[] p : PARTNER_INSTITUTIONS) {
            sink.accept(new Participant(p[0], Kind.PARTNER, p[1], "100000", null, Channel.QUEUE, null, Status.ACTIVE));
        }
        List<Court> courts = new CourtTree(random).build();
        for (Court c : courts) {
            sink.accept(court(c, random));
        }
        List<Dock> docks = tribunals(courts, random, sink);
        units(docks, random, sink);
        organisations(courts, random, sink);
    }

    private Participant court(Court c, SplittableRandom random) {
        Channel channel = random.nextInt(10) < 6 ? Channel.REST : Channel.SOAP;
        channel = DEMO_CHANNELS.getOrDefault(c.code, channel);
        // Most courts keep the statutory 30 + 30 days; a few set their own limits, as courts do in practice.
        int policy = Participant.DEFAULT_POLICY_DAYS;
        int extension = Participant.DEFAULT_MAX_EXTENSION_DAYS;
        if (random.nextInt(100) < 3) {
            int[][] own = {{20, 15}, {15, 15}, {20, 10}};
            int[] o = own[random.nextInt(own.length)];
            policy = o[0];
            extension = o[1];
        }
        String endpoint = simulator + "/courts/" + c.code + (channel == Channel.REST ? "/rest" : "/soap");
        return new Participant(c.code, Kind.COURT, c.name, c.region, c.parent, channel, endpoint, Status.ACTIVE, c.level,
                null, policy, extension);
    }

    /** Emits the tribunals (each belongs to a county-level basic court) and returns every docking point for units. */
    private List<Dock> tribunals(List<Court> courts, SplittableRandom random, Consumer<Participant> sink) {
        List<Court> counties = courts.stream().filter(c -> c.county).toList();
        // Every county court has a tribunal; the remaining ones go to random courts, as busy counties have several.
        int[] per = spread(TRIBUNALS, counties.size(), 1, random);
        List<Dock> docks = new ArrayList<>(counties.size() + TRIBUNALS);
        for (int i = 0; i < counties.size(); i++) {
            Court c = counties.get(i);
            docks.add(new Dock(c.code, c.region, c.local, 1));
            Set<String> towns = new HashSet<>();
            if (per[i] > 99) {
                throw new IllegalStateException("tribunal code space exhausted at " + c.code);
            }
            for (int k = 1; k <= per[i]; k++) {
                String code = "T" + c.code.substring(1) + "-" + two(k);
                String town = unique(towns, random, "");
                sink.accept(new Participant(code, Kind.TRIBUNAL, c.name + town + "人民法庭", c.region, c.code, Channel.REST,
                        unitEndpoint(code), Status.ACTIVE));
                docks.add(new Dock(code, c.region, c.local, k + 1));
            }
        }
        return docks;
    }

    /** Grassroots units: at least three at every county court and tribunal, the rest where disputes are many. */
    private void units(List<Dock> docks, SplittableRandom random, Consumer<Participant> sink) {
        int[] per = spread(UNITS, docks.size(), 3, random);
        for (int i = 0; i < docks.size(); i++) {
            Dock d = docks.get(i);
            if (per[i] > 999 || d.town > 999) {
                throw new IllegalStateException("unit code space exhausted at " + d.code);
            }
            for (int u = 1; u <= per[i]; u++) {
                String code = "G" + d.region + three(d.town) + three(u);
                String name = d.local + town(random) + UNIT_KINDS[random.nextInt(UNIT_KINDS.length)];
                sink.accept(new Participant(code, Kind.GRASSROOTS_UNIT, name, d.region, d.code, Channel.REST,
                        unitEndpoint(code), Status.ACTIVE));
            }
        }
    }

    /** Mediation organisations invited by courts: a few at the upper levels, most at basic courts. */
    private void organisations(List<Court> courts, SplittableRandom random, Consumer<Participant> sink) {
        int[] per = new int[courts.size()];
        int fixed = 0;
        List<Integer> basic = new ArrayList<>();
        for (int i = 0; i < courts.size(); i++) {
            per[i] = switch (courts.get(i).level) {
                case SUPREME -> 20;
                case HIGH -> 15;
                case INTERMEDIATE -> 10;
                case BASIC -> 0;
            };
            fixed += per[i];
            if (courts.get(i).level == CourtLevel.BASIC) {
                basic.add(i);
            }
        }
        int[] basicShare = spread(ORGANISATIONS - fixed, basic.size(), 4, random);
        for (int b = 0; b < basic.size(); b++) {
            per[basic.get(b)] = basicShare[b];
        }
        Map<String, Integer> perRegion = new HashMap<>();
        for (int i = 0; i < courts.size(); i++) {
            Court c = courts.get(i);
            String[] kinds = ORGANISATION_KINDS.clone();
            shuffle(kinds, random);
            for (int k = 0; k < per[i]; k++) {
                int n = perRegion.merge(c.region, 1, Integer::sum);
                if (n > 999) {
                    throw new IllegalStateException("organisation code space exhausted in region " + c.region);
                }
                String code = "M" + c.region + three(n);
                String name = k < kinds.length ? c.place + kinds[k]
                        : c.place + SURNAMES.charAt(random.nextInt(SURNAMES.length()))
                                + GIVEN.charAt(random.nextInt(GIVEN.length())) + GIVEN.charAt(random.nextInt(GIVEN.length()))
                                + "调解工作室";
                sink.accept(new Participant(code, Kind.MEDIATION_ORG, name, c.region, c.code, Channel.REST,
                        unitEndpoint(code), Status.ACTIVE));
            }
        }
    }

    private String unitEndpoint(String code) {
        return simulator + "/units/" + code;
    }

    /** {@code total} spread over {@code n} slots: {@code base} each, the remainder one by one to random slots. */
    private static int[] spread(int total, int n, int base, SplittableRandom random) {
        int rest = total - base * n;
        if (rest < 0) {
            throw new IllegalStateException("cannot give " + base + " each of " + n + " out of " + total);
        }
        int[] out = new int[n];
        Arrays.fill(out, base);
        for (int i = 0; i < rest; i++) {
            out[random.nextInt(n)]++;
        }
        return out;
    }

    private static void shuffle(String[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static String town(SplittableRandom random) {
        return "" + PLACE_FIRST.charAt(random.nextInt(PLACE_FIRST.length())) + PLACE_SECOND.charAt(random.nextInt(PLACE_SECOND.length()));
    }

    /** An invented two-character place name plus suffix, not yet in {@code used}. */
    static String unique(Set<String> used, SplittableRandom random, String suffix) {
        while (true) {
            String name = town(random) + suffix;
            if (used.add(name)) {
                return name;
            }
        }
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    private static String three(int n) {
        return n < 10 ? "00" + n : n < 100 ? "0" + n : String.valueOf(n);
    }

    /** A court while the tree is built: what its participant entry, its tribunals, units and organisations need. */
    private static final class Court {
        final String code;
        final String name;
        final String region;
        final CourtLevel level;
        final String parent;
        /** Where it is, as organisation names start: 北京市朝阳区, 石家庄市, 河北省. */
        final String place;
        /** The county as unit names start: 朝阳区, 正定县. */
        final String local;
        /** A court of a county-level division: it has tribunals, and grassroots units dock with it. */
        final boolean county;

        Court(String code, String name, String region, CourtLevel level, String parent, String place, String local, boolean county) {
            this.code = code;
            this.name = name;
            this.region = region;
            this.level = level;
            this.parent = parent;
            this.place = place;
            this.local = local;
            this.county = county;
        }
    }

    /** A county court or tribunal grassroots units dock with; {@code town} numbers it within its county. */
    private record Dock(String code, String region, String local, int town) {
    }

    /** Builds the four court levels from the geography, parents first. */
    private static final class CourtTree {
        private static final String SUPREME = "C100000";
        private final SplittableRandom random;
        private final List<Court> courts = new ArrayList<>(COURTS);
        private final Map<String, Integer> specialSeq = new HashMap<>();

        CourtTree(SplittableRandom random) {
            this.random = random;
        }

        List<Court> build() {
            courts.add(new Court(SUPREME, "最高人民法院", "100000", CourtLevel.SUPREME, null, "中国", "中国", false));
            for (Province p : NationalGeography.PROVINCES) {
                String name = p.corps() ? "新疆维吾尔自治区高级人民法院生产建设兵团分院" : p.name() + "高级人民法院";
                courts.add(new Court(high(p), name, p.prefix() + "0000", CourtLevel.HIGH, SUPREME, p.name(), p.name(), false));
            }
            Set<String> railway = railwayProvinces();
            for (Province p : NationalGeography.PROVINCES) {
                intermediate(p, railway.contains(p.prefix()));
            }
            int[] specials = basicSpecialsPerProvince();
            for (int i = 0; i < NationalGeography.PROVINCES.size(); i++) {
                basic(NationalGeography.PROVINCES.get(i), specials[i]);
            }
            if (courts.size() != COURTS) {
                throw new IllegalStateException("generated " + courts.size() + " courts, expected " + COURTS);
            }
            return courts;
        }

        private static String high(Province p) {
            return "C" + p.prefix() + "0000";
        }

        /** Provinces that get a railway transport intermediate court, so that intermediate courts add up to 412. */
        private static Set<String> railwayProvinces() {
            int regular = 0;
            for (Province p : NationalGeography.PROVINCES) {
                regular += p.municipality() ? p.numberedIntermediate() : p.prefectures().size();
            }
            int needed = INTERMEDIATE_COURTS - regular - NationalGeography.SPECIAL_INTERMEDIATE.size();
            Set<String> out = new HashSet<>();
            for (Province p : NationalGeography.PROVINCES) {
                // Beijing's and Shanghai's railway cases went to numbered intermediate courts; the Corps has none.
                if (out.size() < needed && !p.corps() && !p.prefix().equals("11") && !p.prefix().equals("31")) {
                    out.add(p.prefix());
                }
            }
            if (out.size() != needed) {
                throw new IllegalStateException("cannot reach " + INTERMEDIATE_COURTS + " intermediate courts");
            }
            return out;
        }

        private void intermediate(Province p, boolean railway) {
            String high = high(p);
            if (p.municipality()) {
                for (int n = 1; n <= p.numberedIntermediate(); n++) {
                    courts.add(new Court(high + "-" + n, p.name() + NationalGeography.ordinal(n) + "中级人民法院", p.prefix() + "0000",
                            CourtLevel.INTERMEDIATE, high, p.name(), p.name(), false));
                }
            } else {
                for (int i = 0; i < p.prefectures().size(); i++) {
                    String place = NationalGeography.prefecturePlace(p, p.prefectures().get(i));
                    String region = p.prefix() + two(i + 1) + "00";
                    courts.add(new Court("C" + region, place + "中级人民法院", region, CourtLevel.INTERMEDIATE, high, place, place, false));
                }
            }
            List<String> special = new ArrayList<>();
            NationalGeography.SPECIAL_INTERMEDIATE.stream().filter(s -> s[0].equals(p.prefix())).forEach(s -> special.add(s[1]));
            if (railway) {
                special.add(p.capital() + "铁路运输中级法院");
            }
            for (int s = 0; s < special.size(); s++) {
                courts.add(new Court(high + "-S" + (s + 1), special.get(s), p.prefix() + "0000", CourtLevel.INTERMEDIATE, high,
                        p.name(), p.name(), false));
            }
        }

        /**
         * Basic special courts per province so that basic courts add up to 3,057: dealt out one per province in
         * turn, at most one per prefecture (a municipality gets one: its railway transport court; the Corps none).
         */
        private static int[] basicSpecialsPerProvince() {
            List<Province> all = NationalGeography.PROVINCES;
            int remaining = BASIC_COURTS - all.stream().mapToInt(Province::counties).sum() - NationalGeography.SPECIAL_BASIC.size();
            int[] out = new int[all.size()];
            while (remaining > 0) {
                int before = remaining;
                for (int i = 0; i < all.size() && remaining > 0; i++) {
                    Province p = all.get(i);
                    int cap = p.corps() ? 0 : p.municipality() ? 1 : p.prefectures().size();
                    if (out[i] < cap) {
                        out[i]++;
                        remaining--;
                    }
                }
                if (remaining == before) {
                    throw new IllegalStateException("cannot reach " + BASIC_COURTS + " basic courts");
                }
            }
            if (remaining < 0) {
                throw new IllegalStateException("more than " + BASIC_COURTS + " basic courts");
            }
            return out;
        }

        private void basic(Province p, int generic) {
            Set<String> used = new HashSet<>();
            if (p.municipality()) {
                List<County> real = new ArrayList<>(NationalGeography.REAL_COUNTIES.get(p.prefix() + "01"));
                real.addAll(NationalGeography.REAL_COUNTIES.getOrDefault(p.prefix() + "02", List.of()));
                if (real.size() != p.counties()) {
                    throw new IllegalStateException(p.name() + ": " + real.size() + " districts listed, " + p.counties() + " expected");
                }
                for (int i = 0; i < real.size(); i++) {
                    // Districts are spread over the numbered intermediate courts, as the municipalities split them.
                    county(p.name(), real.get(i), high(p) + "-" + (i % p.numberedIntermediate() + 1));
                }
                specials(p, generic);
                return;
            }
            int[] sizes = countiesPerPrefecture(p);
            for (int i = 0; i < sizes.length; i++) {
                String region4 = p.prefix() + two(i + 1);
                String place = NationalGeography.prefecturePlace(p, p.prefectures().get(i));
                List<County> list = NationalGeography.REAL_COUNTIES.get(region4);
                if (list == null) {
                    list = invented(p, region4, p.prefectures().get(i), sizes[i], used);
                }
                for (County c : list) {
                    county(place, c, "C" + region4 + "00");
                }
            }
            specials(p, generic);
        }

        /**
         * The province's special basic courts: the real ones first (in the capital), then {@code generic} more, one
         * kind after the other, in the prefectures in turn. A municipality seats them all in its districts' area.
         */
        private void specials(Province p, int generic) {
            List<String> named = NationalGeography.SPECIAL_BASIC.stream().filter(s -> s[0].equals(p.prefix())).map(s -> s[1]).toList();
            List<String> kinds = NationalGeography.SPECIAL_BASIC_KINDS;
            for (int j = 0; j < named.size() + generic; j++) {
                int pref = p.municipality() ? 0 : j % p.prefectures().size();
                String region4 = p.prefix() + two(pref + 1);
                String shortPlace = p.municipality() ? p.shortName() : p.prefectures().get(pref);
                String place = p.municipality() ? p.name() : NationalGeography.prefecturePlace(p, shortPlace);
                String parent = p.municipality() ? high(p) + "-1" : "C" + region4 + "00";
                String name = j < named.size() ? named.get(j) : shortPlace + kinds.get((j - named.size()) % kinds.size());
                int seq = specialSeq.merge(region4, 1, Integer::sum);
                courts.add(new Court("C" + region4 + "00-" + seq, name, region4 + "00", CourtLevel.BASIC, parent, place, place, false));
            }
        }

        private void county(String prefecturePlace, County c, String parent) {
            boolean district = c.name().endsWith("区") && !c.name().endsWith("垦区");
            String place = district ? prefecturePlace + c.name() : c.name();
            courts.add(new Court("C" + c.region(), place + "人民法院", c.region(), CourtLevel.BASIC, parent, place, c.name(), true));
        }

        /** The province's counties split evenly over the prefectures whose counties are not listed by name. */
        private static int[] countiesPerPrefecture(Province p) {
            int n = p.prefectures().size();
            int[] sizes = new int[n];
            int rest = p.counties();
            int open = 0;
            for (int i = 0; i < n; i++) {
                List<County> real = NationalGeography.REAL_COUNTIES.get(p.prefix() + two(i + 1));
                if (real != null) {
                    sizes[i] = real.size();
                    rest -= real.size();
                } else {
                    open++;
                }
            }
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (NationalGeography.REAL_COUNTIES.get(p.prefix() + two(i + 1)) == null) {
                    sizes[i] = rest / open + (k++ < rest % open ? 1 : 0);
                }
            }
            return sizes;
        }

        /**
         * Invented counties with codes of the usual shape: districts 02-19, counties 21-79, county-level cities 81-98.
         * Autonomous prefectures, leagues and areas have no districts; the Corps' divisions have reclamation areas.
         */
        private List<County> invented(Province p, String region4, String prefecture, int n, Set<String> used) {
            List<County> out = new ArrayList<>(n);
            if (p.corps()) {
                for (int i = 1; i <= n; i++) {
                    out.add(new County(region4 + two(i), unique(used, random, "垦区")));
                }
                return out;
            }
            boolean bare = NationalGeography.prefecturePlace(p, prefecture).equals(prefecture);
            int districts = bare ? 0 : Math.max(1, Math.round(n * 0.3f));
            int cities = n / 6;
            int counties = n - districts - cities;
            if (districts > 18 || counties > 59 || cities > 18 || counties < 0) {
                throw new IllegalStateException("too many counties in " + prefecture);
            }
            for (int i = 0; i < districts; i++) {
                out.add(new County(region4 + two(2 + i), unique(used, random, "区")));
            }
            for (int i = 0; i < counties; i++) {
                out.add(new County(region4 + two(21 + i), unique(used, random, "县")));
            }
            for (int i = 0; i < cities; i++) {
                out.add(new County(region4 + two(81 + i), unique(used, random, "市")));
            }
            return out;
        }
    }
}
