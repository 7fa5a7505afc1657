package cn.onecity.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;


import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.services.Handling.Action;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ServicesIntegrationTest
class ServicesDashboardIntegrationTest {

    @Autowired Accounts accounts;
    @Autowired Catalogue catalogue;
    @Autowired Applications applications;
    @Autowired Handling handling;
    @Autowired Ratings ratings;
    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;

    private JsonNode figures() throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/dashboard/services")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString());
    }

    private long flow(JsonNode f, String from, String to) {
        for (JsonNode n : f.get("flows")) {
            if (n.get("fromCity").asString().equals(from) && n.get("toCity").asString().equals(to)) {
                return n.get("applications").asLong();
            }
        }
        throw new AssertionError("no flow " + from + "→" + to);
    }

    @Test
    void thePublicDashboardCountsCityToCityFlowsAndRatingsFromTheRecords() throws Exception {
        SvcTestData data = new SvcTestData(accounts, catalogue);
        CurrentUser resident = data.resident();
        ServiceItem item = data.item("GJJ", "ONLINE,PROXY", 5);
        JsonNode before = figures();
        assertThat(before.get("flows")).hasSize(9);

        String number = applications.submit(resident, SvcTestData.proxy(item, "430200", "430300"), SvcTestData.requiredFiles(item)).number();
        CurrentUser zzWindow = data.staff("430200-XZSP");
        CurrentUser xtGjj = data.staff("430300-GJJ");
        java.util.function.Function<String, String> task = key -> applications.view(data.office, number).openTasks().stream()
                .filter(t -> t.key().equals(key)).findFirst().orElseThrow().taskId();
        handling.act(zzWindow, task.apply("windowCheck"), new Action("RECEIVE", null, null, null, null), null);
        handling.act(xtGjj, task.apply("accept"), new Action("ACCEPT", null, null, null, null), null);
        handling.act(xtGjj, task.apply("review"), new Action("PASS", null, null, null, null), null);
        handling.act(xtGjj, task.apply("decide"), new Action("APPROVE", null, null, "准予", null), new Upload(null, "r.pdf", SvcTestData.PDF));
        handling.act(xtGjj, task.apply("deliver"), new Action("WINDOW", null, null, null, null), null);
        handling.act(zzWindow, task.apply("collect"), new Action("COLLECTED", null, null, null, null), null);
        ratings.rate(resident, number, new Ratings.Rate(5, null, 4, null));

        JsonNode after = figures();
        assertThat(flow(after, "430200", "430300")).isEqualTo(flow(before, "430200", "430300") + 1);
        assertThat(after.get("completed").asLong()).isEqualTo(before.get("completed").asLong() + 1);
        assertThat(after.get("ratings").asLong()).isEqualTo(before.get("ratings").asLong() + 2);
        assertThat(after.get("publishedItems").asLong()).isEqualTo(before.get("publishedItems").asLong());
        assertThat(after.has("onTimeRate")).isTrue();

        String page = mvc.perform(get("/dashboard")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"dash-services\"", "收件地 → 办理地 办件流向", "chart-svc-flow");
    }
}
