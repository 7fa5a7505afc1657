package cn.onecity.projects.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.onecity.cooperation.ItemProgressContributor;
import cn.onecity.projects.InvestmentRollUp;
import cn.onecity.projects.Project;
import cn.onecity.projects.ProjectCity;
import cn.onecity.projects.ProjectMilestone;
import cn.onecity.projects.Projects;

/** Shows the major projects linked to a cooperation item on the item's page: milestones and invested amount. */
@Component
class ProjectItemProgress implements ItemProgressContributor {

    private final Projects projects;

    ProjectItemProgress(Projects projects) {
        this.projects = projects;
    }

    @Override
    public List<Section> sections(long itemId, LocalDate asOf) {
        List<Project> linked = projects.linkedTo(itemId);
        List<Section> out = new ArrayList<>();
        if (linked.size() > 1) {
            InvestmentRollUp r = InvestmentRollUp.of(linked);
            List<Fact> facts = new ArrayList<>();
            facts.add(new Fact("关联项目", linked.size() + " 个"));
            facts.add(new Fact("累计完成投资（合计）", r.investedYi().toPlainString() + " 亿元"));
            for (InvestmentRollUp.StatusCount s : r.byStatus()) {
                if (s.count() > 0) {
                    facts.add(new Fact(s.label(), s.count() + " 个"));
                }
            }
            out.add(new Section("重大项目汇总（按各市月度投资报送计算）", "/projects?item=" + itemId, null, facts, List.of()));
        }
        for (Project p : linked) {
            List<Fact> facts = new ArrayList<>();
            facts.add(new Fact("累计完成投资", InvestmentRollUp.yi(p.invested()).toPlainString() + " 亿元（计划 "
                    + InvestmentRollUp.yi(p.plannedInvestment()).toPlainString() + " 亿元，" + p.percentInvested() + "%）"));
            StringBuilder byCity = new StringBuilder();
            for (ProjectCity c : p.cities()) {
                byCity.append(byCity.isEmpty() ? "" : "；").append(c.cityName()).append(" ")
                        .append(InvestmentRollUp.yi(c.invested()).toPlainString()).append(" 亿元");
            }
            facts.add(new Fact("各市完成投资", byCity.toString()));
            if (p.lastReportedMonth() != null) {
                facts.add(new Fact("最近报送月份", p.lastReportedMonth()));
            }
            List<Step> steps = new ArrayList<>();
            for (ProjectMilestone m : p.milestones()) {
                steps.add(new Step(m.name(), m.plannedDate(), m.actualDate(), m.state(asOf)));
            }
            out.add(new Section("重大项目：" + p.name(), "/projects/" + p.id(), p.statusLabel(), facts, steps));
        }
        return out;
    }
}
