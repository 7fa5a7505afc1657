/**
 * industry (产业协同): the enterprise directory with claims by credit code (GB 32100), clusters, the "4+4"
 * industrial chains with their panorama and gap analysis, and cross-city supply–demand matching.
 */
@org.springframework.modulith.ApplicationModule(displayName = "industry")
package cn.onecity.industry;
