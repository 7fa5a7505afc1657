package cn.onecity.industry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.identity.Accounts;

/** Gap analysis: a segment without enterprises is 补链, one covered by a single city 强链; both export to Excel. */
@cn.onecity.services.ServicesIntegrationTest
class ChainGapIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Enterprises enterprises;
    @Autowired Chains chains;

    IndTestData data;
    long chain;
    long steel;
    long hydraulics;
    long machine;
    long rental;

    @BeforeEach
    void setUp() {
        data = new IndTestData(accounts, enterprises);
        chain = chains.createChain(IndTestData.unique("测试工程机械链"), "优势产业链", null);
        long parts = chains.addSegment(chain, null, Stage.UP, "关键零部件");
        steel = chains.addSegment(chain, null, Stage.UP, "钢材");
        hydraulics = chains.addSegment(chain, parts, null, "液压件");
        machine = chains.addSegment(chain, null, Stage.MID, "整机制造");
        rental = chains.addSegment(chain, null, Stage.DOWN, "租赁服务");
        data.enterprise(IndTestData.unique("测试长沙整机"), "430121", "挖掘机", List.of(machine), List.of());
        data.enterprise(IndTestData.unique("测试株洲整机"), "430211", "起重机", List.of(machine), List.of());
        data.enterprise(IndTestData.unique("测试湘潭钢材"), "430304", "宽厚板", List.of(steel), List.of());
    }

    @Test
    void segmentsWithoutEnterprisesAreFillTargetsAndSingleCitySegmentsStrengthenTargets() {
        List<ChainGap> gaps = chains.gaps(chain);
        assertThat(gaps).extracting(ChainGap::segmentId).containsExactly(hydraulics, steel, rental);
        ChainGap hydraulicsGap = gaps.get(0);
        assertThat(hydraulicsGap.kind()).isEqualTo(ChainGap.Kind.FILL);
        assertThat(hydraulicsGap.path()).isEqualTo("上游 › 关键零部件 › 液压件");
        ChainGap steelGap = gaps.get(1);
        assertThat(steelGap.kind()).isEqualTo(ChainGap.Kind.STRENGTHEN);
        assertThat(steelGap.coveredCities()).containsExactly("湘潭");
        assertThat(steelGap.enterprisesByCity()).containsExactly(entry("长沙", 0L), entry("株洲", 0L), entry("湘潭", 1L));
    }

    @Test
    void aSegmentCoveredByTwoCitiesIsNoGap() {
        assertThat(chains.gaps(chain)).extracting(ChainGap::segmentId).doesNotContain(machine);
    }

    @Test
    void thePanoramaNamesEveryEnterpriseWithItsCity() {
        Map<String, Object> tree = chains.panorama(chain);
        String text = tree.toString();
        assertThat(text).contains("上游", "中游", "下游", "液压件（待补链）", "city=430100", "city=430300");
    }

    @Test
    void theGapListExportsAsAnExcelSheet() throws Exception {
        String staff = data.gxjStaff("430100").username();
        byte[] xlsx = mvc.perform(get("/api/v1/industry/gaps.xlsx").param("chainId", Long.toString(chain))
                        .with(httpBasic(staff, IndTestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("filename*=UTF-8''")))
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("类型");
            List<String> kinds = new ArrayList<>();
            for (Row row : sheet) {
                if (row.getRowNum() > 0) {
                    kinds.add(row.getCell(1).getStringCellValue() + "=" + row.getCell(3).getStringCellValue());
                }
            }
            assertThat(kinds).containsExactly("上游 › 关键零部件 › 液压件=补链", "上游 › 钢材=强链", "下游 › 租赁服务=补链");
        }
    }
}
