/**
 * region: the three cities, their districts and counties (GB/T 2260), each city's departments, and the
 * working-day calendar (法定节假日 and 调休) that every time limit in the platform is counted on.
 */
@org.springframework.modulith.ApplicationModule(displayName = "region")
package cn.onecity.region;
