package cn.courtmediation.hub.demo.scenario;

import java.util.Map;
import java.util.Random;

/** Plausible, deterministic people, companies and case numbers for a scenario case (fictitious names). */
final class CaseParties {
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "军", "娟", "涛", "明", "超", "霞",
            "建国", "秀英", "志强", "桂兰", "海燕", "晓东", "丽华", "文博"};
    private static final String[] BANKS = {"某商业银行股份有限公司", "某农村商业银行股份有限公司", "某消费金融有限公司", "某信用卡中心"};
    private static final String[] COMPANIES = {"某科技有限公司", "某物业服务有限公司", "某建筑工程有限公司", "某餐饮管理有限公司",
            "某电子商务有限公司", "某物流有限公司"};
    // the abbreviation of a court's province in its case numbers, by the first two digits of the division code
    private static final Map<String, String> PROVINCES = Map.ofEntries(Map.entry("11", "京"), Map.entry("12", "津"),
            Map.entry("13", "冀"), Map.entry("31", "沪"), Map.entry("32", "苏"), Map.entry("33", "浙"), Map.entry("37", "鲁"),
            Map.entry("42", "鄂"), Map.entry("44", "粤"), Map.entry("50", "渝"), Map.entry("51", "川"), Map.entry("61", "陕"));

    /** Who is in the case. */
    record Party(String role, String kind, String name) {
    }

    final Party applicant;
    final Party respondent;
    final String mediatorName;
    final String claimAmount;

    private CaseParties(Party applicant, Party respondent, String mediatorName, String claimAmount) {
        this.applicant = applicant;
        this.respondent = respondent;
        this.mediatorName = mediatorName;
        this.claimAmount = claimAmount;
    }

    /** The parties of the case with this seq: the same every run of the same seed. */
    static CaseParties of(long seed, PlannedCase c) {
        Random r = new Random(seed * 1_000_003L + c.seq());
        Party applicant;
        Party respondent;
        switch (c.disputeType()) {
            case "FINANCIAL" -> {
                applicant = new Party("APPLICANT", "ORGANISATION", BANKS[r.nextInt(BANKS.length)] + branch(r));
                respondent = new Party("RESPONDENT", "PERSON", person(r));
            }
            case "LABOUR", "PROPERTY_SERVICE" -> {
                applicant = new Party("APPLICANT", "PERSON", person(r));
                respondent = new Party("RESPONDENT", "ORGANISATION", COMPANIES[r.nextInt(COMPANIES.length)]);
            }
            default -> {
                applicant = new Party("APPLICANT", "PERSON", person(r));
                respondent = new Party("RESPONDENT", r.nextBoolean() ? "PERSON" : "ORGANISATION",
                        r.nextBoolean() ? person(r) : COMPANIES[r.nextInt(COMPANIES.length)]);
            }
        }
        String amount = (1000 + r.nextInt(300_000)) + "." + String.format("%02d", r.nextInt(100));
        return new CaseParties(applicant, respondent, person(r), amount);
    }

    /** The court's case number, e.g. (2021)京0105民诉前调42号. */
    static String caseNumber(PlannedCase c, int year) {
        return "(" + year + ")" + courtPrefix(c) + (c.preLitigation() ? "民诉前调" : "民初") + c.seq() + "号";
    }

    /** The number the court files the case under. */
    static String filingNumber(PlannedCase c, int year) {
        return "(" + year + ")" + courtPrefix(c) + "民初" + (50_000 + c.seq()) + "号";
    }

    private static String courtPrefix(PlannedCase c) {
        String region = c.court().region() == null || c.court().region().length() < 6 ? "000000" : c.court().region();
        return PROVINCES.getOrDefault(region.substring(0, 2), "") + region.substring(2, 6);
    }

    private static String person(Random r) {
        return SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)];
    }

    private static String branch(Random r) {
        return new String[] {"朝阳支行", "浦东支行", "南山支行", "营业部"}[r.nextInt(4)];
    }
}
