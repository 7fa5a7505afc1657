/**
 * innovation (科技成果转化): research results and joint release batches (供给端), technology demands matched with
 * results through the search module (需求端), transfer institutions, brokers and deals (服务端), 揭榜挂帅
 * challenges, technology contracts with their city-to-city flows, and the R&D institutions registry.
 */
@org.springframework.modulith.ApplicationModule(displayName = "innovation")
package cn.onecity.innovation;
