package cn.onecity.projects;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

/**
 * The 交通互联 figures of the public 驾驶舱, all computed from projects, milestones and monthly reports: the 融城干道
 * total invested and how many are open or under way, the landmark projects by status, and investment by city.
 * Public aggregates only.
 */
@Service
public class ProjectStatistics {

    private final Projects projects;

    ProjectStatistics(Projects projects) {
        this.projects = projects;
    }

    /** A status and how many projects are in it ({@code behindSchedule} of them late). */
    public record StatusCount(String status, String label, int count, int behindSchedule) {
    }

    /** One road: name, status label and invested (亿元). */
    public record Road(String code, String name, String status, BigDecimal investedYi) {
    }

    /**
     * Amounts: {@code *Wan} in 万元, {@code *Yi} in 亿元. {@code investmentByCity} sums every project's city shares.
     */
    public record Figures(int roads, BigDecimal roadsInvestedWan, BigDecimal roadsInvestedYi, int roadsOpen, int roadsUnderWay,
            int roadsNotStarted, int roadsBehindSchedule, List<Road> roadList, int landmarks, List<StatusCount> landmarksByStatus,
            int projects, BigDecimal investedWan, BigDecimal investedYi, List<InvestmentRollUp.Amount> investmentByCity,
            List<InvestmentRollUp.Amount> investmentByType) {
    }

    public Figures figures() {
        List<Project> all = projects.all();
        List<Project> roads = all.stream().filter(p -> p.type() == ProjectType.ROAD).toList();
        List<Project> landmarks = all.stream().filter(Project::landmark).toList();
        InvestmentRollUp roadRollUp = InvestmentRollUp.of(roads);
        InvestmentRollUp landmarkRollUp = InvestmentRollUp.of(landmarks);
        InvestmentRollUp total = InvestmentRollUp.of(all);
        List<StatusCount> landmarksByStatus = new ArrayList<>();
        for (InvestmentRollUp.StatusCount s : landmarkRollUp.byStatus()) {
            landmarksByStatus.add(new StatusCount(s.status().name(), s.status().label(), s.count(), s.behindSchedule()));
        }
        List<Road> roadList = roads.stream().map(p -> new Road(p.code(), p.name(), p.statusLabel(), InvestmentRollUp.yi(p.invested())))
                .toList();
        return new Figures(roads.size(), roadRollUp.invested(), roadRollUp.investedYi(), count(roads, ProjectStatus.DONE),
                count(roads, ProjectStatus.UNDER_WAY), count(roads, ProjectStatus.NOT_STARTED),
                (int) roads.stream().filter(Project::behindSchedule).count(), roadList, landmarks.size(), landmarksByStatus,
                all.size(), total.invested(), total.investedYi(), total.byCity(), total.byType());
    }

    private static int count(List<Project> list, ProjectStatus status) {
        return (int) list.stream().filter(p -> p.status() == status).count();
    }
}
