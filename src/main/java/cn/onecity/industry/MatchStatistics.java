package cn.onecity.industry;

/**
 * 供需对接 figures counted from the match records. A match counts as 对接 once either side has marked it
 * (洽谈中 / 已合作 / 未成); a deal is 已合作; cross-city when the supplier is in another city than the demand.
 */
public record MatchStatistics(long demands, long supplies, long matches, long crossCityMatches, long deals,
        long crossCityDeals) {
}
