package cn.onecity.industry;

import java.util.List;

/** A policy as a form or the API gives it; empty condition lists mean no restriction. */
public record PolicyDraft(String title, String docNumber, String issuer, String areaCode, String clauses,
        List<String> cityCodes, List<Long> chainIds, List<String> sizes) {

    public PolicyDraft {
        cityCodes = cityCodes == null ? List.of() : cityCodes.stream().filter(s -> s != null && !s.isBlank()).toList();
        chainIds = chainIds == null ? List.of() : chainIds.stream().filter(java.util.Objects::nonNull).toList();
        sizes = sizes == null ? List.of() : sizes.stream().filter(s -> s != null && !s.isBlank()).toList();
    }
}
