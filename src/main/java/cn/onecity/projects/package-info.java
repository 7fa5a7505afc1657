/**
 * projects (重大项目): cross-city trunk roads (融城干道), rail transit and the 长株潭一体化十大标志性工程, with the cities
 * involved and each city's responsible department, milestones (planned and actual dates), and the monthly investment
 * each involved city reports ({@link cn.onecity.projects.Projects}). Status and every total are computed from
 * milestones and reports ({@link cn.onecity.projects.ProjectStatus}, {@link cn.onecity.projects.InvestmentRollUp}); a
 * linked cooperation item shows the project's progress through cooperation's ItemProgressContributor.
 */
@org.springframework.modulith.ApplicationModule(displayName = "projects")
package cn.onecity.projects;
