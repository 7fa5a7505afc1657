package cn.onecity.industry;

/** Filters of the directory; every field may be null. {@code q} matches name, credit code, products and capabilities. */
public record EnterpriseFilter(String q, String cityCode, EnterpriseSize size, Long chainId, Long clusterId) {

    public static EnterpriseFilter none() {
        return new EnterpriseFilter(null, null, null, null, null);
    }
}
