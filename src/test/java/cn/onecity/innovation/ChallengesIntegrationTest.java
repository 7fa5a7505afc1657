package cn.onecity.innovation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.ForbiddenException;

/**
 * 揭榜挂帅 from publication to completion: teams apply, several experts score (an expert of the team's own
 * institution is refused, nothing saved), the publisher awards with milestones, the public list shows the stage.
 */
@cn.onecity.services.ServicesIntegrationTest
class ChallengesIntegrationTest {

    static final String PW = InvTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Challenges challenges;
    @Autowired JdbcClient jdbc;

    InvTestData data;
    CurrentUser office;
    CurrentUser teamA;
    CurrentUser teamB;
    CurrentUser expertOfA;
    CurrentUser expert2;
    CurrentUser expert3;

    @BeforeEach
    void setUp() {
        data = new InvTestData(accounts);
        office = data.jointOffice();
        teamA = data.institution("430300");
        teamB = data.institution("430100");
        expertOfA = data.account(Role.INSTITUTION, teamA.organisationId());
        challenges.registerExpert(expertOfA.accountId(), "同单位专家", teamA.organisationId(), "材料");
        expert2 = data.institution("430100");
        challenges.registerExpert(expert2.accountId(), "专家二", expert2.organisationId(), "机械");
        expert3 = data.institution("430200");
        challenges.registerExpert(expert3.accountId(), "专家三", expert3.organisationId(), "电气");
    }

    long publish() throws Exception {
        String body = mvc.perform(post("/api/v1/innovation/challenges").with(httpBasic(office.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"title":"%s","problem":"主轴承寿命不足","indicators":"寿命≥10000小时","budget":800,
                                 "deadline":"2099-06-30","eligibility":"三市高校院所"}""".formatted(InvTestData.unique("测试榜单"))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    @Test
    void aChallengeGoesFromPublicationToAwardAndCompletion() throws Exception {
        long id = publish();
        long a = challenges.apply(teamA, id, "湘潭团队", "方案甲");
        long b = challenges.apply(teamB, id, "长沙团队", "方案乙");
        assertThatThrownBy(() -> challenges.apply(teamA, id, "再来", "方案")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> challenges.score(expert2, a, 80, null)).isInstanceOf(BusinessException.class)
                .hasMessageContaining("不在评审阶段");
        mvc.perform(post("/api/v1/innovation/challenges/{id}/review", id).with(httpBasic(office.username(), PW)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.stage").value("REVIEW"));
        assertThatThrownBy(() -> challenges.apply(data.institution("430200"), id, "迟到", "方案"))
                .isInstanceOf(BusinessException.class).hasMessageContaining("不再接受揭榜");

        // the expert of team A's own institution is refused, naming the field, and nothing is saved
        mvc.perform(post("/api/v1/innovation/proposals/{id}/scores", a).with(httpBasic(expertOfA.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"points\":95}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("proposalId"))
                .andExpect(jsonPath("$.errors[0].message", containsString("利益冲突回避")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inv_score WHERE proposal_id = :p").param("p", a).query(Long.class).single()).isZero();
        mvc.perform(post("/api/v1/innovation/proposals/{id}/scores", b).with(httpBasic(expertOfA.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"points\":70}"))
                .andExpect(status().isNoContent());
        mvc.perform(post("/api/v1/innovation/proposals/{id}/scores", a).with(httpBasic(expert2.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"points\":101}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("points"));
        challenges.score(expert2, a, 90, "好");
        assertThatThrownBy(() -> challenges.score(expert2, a, 91, null)).isInstanceOf(ConflictException.class);

        // one score is not several: the award waits for a second expert
        String milestones = "[{\"title\":\"样机\",\"dueOn\":\"2099-09-30\"},{\"title\":\"验收\",\"dueOn\":\"2099-12-31\"}]";
        mvc.perform(post("/api/v1/innovation/challenges/{id}/award", id).with(httpBasic(office.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"proposalId\":%d,\"milestones\":%s}".formatted(a, milestones)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("proposalId"));
        challenges.score(expert3, a, 86, null);
        assertThatThrownBy(() -> challenges.award(teamB, id, a, List.of(new Challenges.MilestoneDraft("x", "2099-01-01"))))
                .isInstanceOf(ForbiddenException.class);
        mvc.perform(post("/api/v1/innovation/challenges/{id}/award", id).with(httpBasic(office.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"proposalId\":%d,\"milestones\":[]}".formatted(a)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("milestones"));
        mvc.perform(post("/api/v1/innovation/challenges/{id}/award", id).with(httpBasic(office.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"proposalId\":%d,\"milestones\":%s}".formatted(a, milestones)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.challenge.stage").value("AWARDED"))
                .andExpect(jsonPath("$.challenge.winnerTeam").value("湘潭团队"))
                .andExpect(jsonPath("$.proposals[0].averageScore").value(88.0))
                .andExpect(jsonPath("$.milestones.length()").value(2));

        // the public list, without signing in, shows the stage
        mvc.perform(get("/api/v1/innovation/challenges")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == %d)].stageLabel".formatted(id)).value("已揭榜"));

        List<Challenges.Milestone> ms = challenges.milestones(id);
        assertThatThrownBy(() -> challenges.completeMilestone(teamB, ms.get(0).id())).isInstanceOf(ForbiddenException.class);
        challenges.completeMilestone(teamA, ms.get(0).id());
        assertThat(challenges.get(id).stage()).isEqualTo(Challenges.Stage.AWARDED);
        challenges.completeMilestone(teamA, ms.get(1).id());
        assertThat(challenges.get(id).stage()).isEqualTo(Challenges.Stage.COMPLETED);
    }

    @Test
    void proposalsAndScoresAreSeenByThePublisherTheExpertsAndTheirOwnTeamButNeverByTheOtherTeamsOrThePublic() throws Exception {
        long id = publish();
        long a = challenges.apply(teamA, id, "湘潭团队", "方案甲：机密工艺");
        long b = challenges.apply(teamB, id, "长沙团队", "方案乙：机密材料");

        // during the call: another team, an expert and the public see no other team's plan
        mvc.perform(get("/api/v1/innovation/challenges/{id}", id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.challenge.proposals").value(2))
                .andExpect(jsonPath("$.proposals.length()").value(0)).andExpect(jsonPath("$.scores.length()").value(0));
        mvc.perform(get("/api/v1/innovation/challenges/{id}", id).with(httpBasic(teamB.username(), PW)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.proposals.length()").value(1))
                .andExpect(jsonPath("$.proposals[0].summary").value("方案乙：机密材料"));
        assertThat(challenges.review(expert2, challenges.get(id)).proposals()).isEmpty();
        assertThat(challenges.review(office, challenges.get(id)).proposals()).extracting(Challenges.Proposal::id)
                .containsExactly(a, b);

        // in review: the experts see every plan and only their own scores; the teams still only their own
        challenges.startReview(office, id);
        challenges.score(expert2, a, 90, "甲好");
        challenges.score(expert3, a, 80, "甲尚可");
        challenges.score(expert2, b, 70, null);
        Challenges.Review ofExpert = challenges.review(expert3, challenges.get(id));
        assertThat(ofExpert.proposals()).hasSize(2);
        assertThat(ofExpert.scores()).extracting(Challenges.Score::comment).containsExactly("甲尚可");
        Challenges.Review ofTeamA = challenges.review(teamA, challenges.get(id));
        assertThat(ofTeamA.proposals()).extracting(Challenges.Proposal::id).containsExactly(a);
        assertThat(ofTeamA.proposals().get(0).averageScore()).as("no score before the award").isNull();
        assertThat(ofTeamA.scores()).isEmpty();
        assertThat(challenges.review(office, challenges.get(id)).scores()).hasSize(3);
        mvc.perform(get("/innovation/challenges/{id}", id)).andExpect(status().isOk())
                .andExpect(content().string(containsString("主轴承寿命不足")))
                .andExpect(content().string(not(containsString("机密"))))
                .andExpect(content().string(containsString("揭榜方案仅发榜单位、一体化办和评审专家可见")));

        // awarded: the public sees the winning team, still no plan; the winner sees its own average
        challenges.award(office, id, a, List.of(new Challenges.MilestoneDraft("样机", "2099-09-30")));
        mvc.perform(get("/innovation/challenges/{id}", id)).andExpect(status().isOk())
                .andExpect(content().string(containsString("湘潭团队"))).andExpect(content().string(not(containsString("机密"))))
                .andExpect(content().string(not(containsString("甲好"))));
        assertThat(challenges.review(teamA, challenges.get(id)).proposals().get(0).averageScore()).isEqualTo(85.0);
        assertThat(challenges.review(teamB, challenges.get(id)).proposals()).extracting(Challenges.Proposal::id)
                .containsExactly(b);
    }

    @Test
    void badChallengesAreRefusedAndOnlyTheJointOfficeOrAnEnterprisePublishes() {
        assertThatThrownBy(() -> challenges.publish(teamA, new Challenges.Draft("t", "p", "i", BigDecimal.TEN, "2099-01-01", "e")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> challenges.publish(office, new Challenges.Draft("t", "p", "i", new BigDecimal("-3"),
                LocalDate.now().minusDays(3).toString(), "e")))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.errors())
                        .extracting(f -> f.field()).contains("budget", "deadline"));
        long id = challenges.publish(data.enterprise("430300"),
                new Challenges.Draft(InvTestData.unique("企业榜"), "p", "i", BigDecimal.TEN, "2099-01-01", "e"));
        assertThat(challenges.get(id).stage()).isEqualTo(Challenges.Stage.OPEN);
        assertThatThrownBy(() -> challenges.startReview(office, id)).isInstanceOf(BusinessException.class)
                .hasMessageContaining("尚无揭榜方案");
    }
}
