package cn.onecity.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import cn.onecity.cooperation.Cooperation;
import cn.onecity.cooperation.ItemFilter;
import cn.onecity.cooperation.ItemStatus;
import cn.onecity.cooperation.ItemView;
import cn.onecity.cooperation.Meeting;
import cn.onecity.cooperation.ProgressSummary;
import cn.onecity.cooperation.ProgressSummary.AreaSummary;
import cn.onecity.cooperation.ProgressSummary.Summary;
import cn.onecity.identity.DataScope;
import cn.onecity.industry.IndustryStatistics;
import cn.onecity.innovation.InnovationStatistics;
import cn.onecity.region.City;
import cn.onecity.region.Region;
import cn.onecity.healthcard.HealthCardStatistics;
import cn.onecity.services.ServiceStatistics;

/**
 * The figures of the public 一体化驾驶舱, computed live. Public aggregates only: counts and progress, never
 * names of people. Later modules add a block each (services, health card, projects, ecology…).
 */
@Service
public class Dashboard {

    private final ProgressSummary summaries;
    private final Cooperation cooperation;
    private final Region region;
    private final ServiceStatistics services;
    private final IndustryStatistics industry;
    private final InnovationStatistics innovation;
    private final Clock clock;
    private final cn.onecity.ecology.EcologyReports ecology;

    private final HealthCardStatistics healthCards;
    private final cn.onecity.projects.ProjectStatistics projects;

    Dashboard(ProgressSummary summaries, Cooperation cooperation, Region region, ServiceStatistics services,
            HealthCardStatistics healthCards, IndustryStatistics industry, cn.onecity.ecology.EcologyReports ecology,
            cn.onecity.projects.ProjectStatistics projects, InnovationStatistics innovation, Clock clock) {
        this.ecology = ecology;
        this.projects = projects;
        this.innovation = innovation;
        this.healthCards = healthCards;
        this.industry = industry;
        this.summaries = summaries;
        this.cooperation = cooperation;
        this.region = region;
        this.services = services;
        this.clock = clock;
    }

    /** 跨市通办: catalogue, city-to-city flows, on-time rate, handling time and satisfaction, computed now. */
    public ServiceStatistics.Figures services() {
        return services.figures();
    }

    /** 电子健康卡一卡通: cards, uses, the home → hospital city matrix and hospital coverage. */
    public HealthCardStatistics.Figures healthCards() {
        return healthCards.figures();
    }

    /** 产业协同: clusters by level, served enterprises, the park fund, cross-city matches, investment by stage. */
    public IndustryStatistics.Figures industry() {
        return industry.figures();
    }

    /** 生态共治: the latest month's water against targets, this year's good-air days and PM2.5, open joint alerts. */
    public cn.onecity.ecology.EcologyReports.Figures ecology() {
        return ecology.figures();
    }

    /** 交通互联: the 融城干道 total invested, roads open and under way, landmark projects by status, investment by city. */
    public cn.onecity.projects.ProjectStatistics.Figures projects() {
        return projects.figures();
    }

    /** 科技成果转化: results, demands, deals, service institutions, challenges, contract turnover and flows, R&D. */
    public InnovationStatistics.Figures innovation() {
        return innovation.figures();
    }

    /** Counts of one group of items (an area, a lead city) by derived status. */
    public record StatusCounts(String key, String label, int total, int completed, int ongoing, int delayed,
            int notStarted, double progress) {
    }

    /** One status and how many items are in it. */
    public record StatusCount(String status, String label, int count) {
    }

    /**
     * 协同督办 of the newest joint meeting as of a date; {@code meeting} is null when no meeting exists yet.
     */
    public record CooperationFigures(Integer meeting, String meetingTitle, LocalDate asOf, int total, int completed,
            int ongoing, int delayed, int notStarted, double progress, List<StatusCounts> byArea,
            List<StatusCounts> byCity, List<StatusCount> byStatus) {
    }

    public CooperationFigures cooperation() {
        return cooperation(LocalDate.now(clock));
    }

    public CooperationFigures cooperation(LocalDate asOf) {
        return cooperation(null, asOf);
    }

    /** The joint meetings the dashboard can show, newest first. */
    public List<Meeting> meetings() {
        return cooperation.meetings();
    }

    /** 协同督办 of one joint meeting (the newest when {@code sessionNo} is null) as of a date. */
    public CooperationFigures cooperation(Integer sessionNo, LocalDate asOf) {
        Optional<Meeting> chosen = sessionNo == null ? summaries.newestMeeting() : Optional.of(cooperation.meeting(sessionNo));
        if (chosen.isEmpty()) {
            return new CooperationFigures(null, null, asOf, 0, 0, 0, 0, 0, 0, List.of(), List.of(), byStatus(0, 0, 0, 0));
        }
        int n = chosen.get().sessionNo();
        Summary s = summaries.summary(n, asOf);
        List<StatusCounts> byArea = new ArrayList<>();
        for (AreaSummary a : s.byArea()) {
            byArea.add(new StatusCounts(a.area(), a.area(), a.total(), a.completed(), a.ongoing(), a.delayed(),
                    a.notStarted(), a.progress()));
        }
        List<ItemView> items = cooperation.items(new DataScope.All(), ItemFilter.meeting(n), asOf);
        List<StatusCounts> byCity = new ArrayList<>();
        for (City c : region.cities()) {
            List<ItemView> led = items.stream().filter(i -> c.code().equals(i.leadCityCode())).toList();
            byCity.add(new StatusCounts(c.code(), c.shortName(), led.size(), count(led, ItemStatus.COMPLETED),
                    count(led, ItemStatus.ONGOING), count(led, ItemStatus.DELAYED), count(led, ItemStatus.NOT_STARTED),
                    cn.onecity.cooperation.StatusRules.rollUp(led)));
        }
        return new CooperationFigures(n, s.meetingTitle(), asOf, s.total(), s.completed(), s.ongoing(), s.delayed(),
                s.notStarted(), s.progress(), byArea, byCity,
                byStatus(s.completed(), s.ongoing(), s.delayed(), s.notStarted()));
    }

    private static List<StatusCount> byStatus(int completed, int ongoing, int delayed, int notStarted) {
        return List.of(new StatusCount(ItemStatus.COMPLETED.name(), ItemStatus.COMPLETED.label(), completed),
                new StatusCount(ItemStatus.ONGOING.name(), ItemStatus.ONGOING.label(), ongoing),
                new StatusCount(ItemStatus.DELAYED.name(), ItemStatus.DELAYED.label(), delayed),
                new StatusCount(ItemStatus.NOT_STARTED.name(), ItemStatus.NOT_STARTED.label(), notStarted));
    }

    private static int count(List<ItemView> items, ItemStatus status) {
        return (int) items.stream().filter(i -> i.status() == status).count();
    }
}
