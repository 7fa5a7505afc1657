package cn.onecity.services;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@ServicesIntegrationTest
class ServicesOpenApiIntegrationTest {

    @Autowired MockMvc mvc;

    @Test
    void theOpenApiDocumentListsTheServiceZoneContracts() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/services/items'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/services/applications'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/services/applications/{number}'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/services/tasks/{taskId}'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/dashboard/services'].get").exists());
    }
}
