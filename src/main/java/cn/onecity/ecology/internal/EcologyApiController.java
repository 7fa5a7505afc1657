package cn.onecity.ecology.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onecity.ecology.Alerts;
import cn.onecity.ecology.EcologyReports;
import cn.onecity.ecology.Readings;
import cn.onecity.ecology.ReadingsCsv;
import cn.onecity.ecology.Station;
import cn.onecity.identity.CurrentUser;
import cn.onecity.shared.BusinessException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/**
 * The ingestion contract monitoring systems push to: stations, water readings (GB 3838-2002) and air readings
 * (HJ 633 by the reading's date), one object or an array, idempotent per station and time.
 */
@RestController
@RequestMapping("/api/v1/ecology")
@Tag(name = "生态共治", description = "监测站点、水质与空气质量数据接入及评价")
class EcologyApiController {

    private final Readings readings;
    private final Alerts alerts;
    private final ReadingsCsv csv;
    private final EcologyReports reports;

    EcologyApiController(Readings readings, Alerts alerts, ReadingsCsv csv, EcologyReports reports) {
        this.reports = reports;
        this.readings = readings;
        this.alerts = alerts;
        this.csv = csv;
    }

    @PostMapping(path = "/readings.csv", consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('CITY_STAFF','JOINT_OFFICE','ADMIN')")
    @Operation(summary = "以 CSV 文件报送监测数据（multipart：kind=water|air，file）",
            description = "UTF-8，首行为表头。水质：station,time,指标…；空气：station,report,date,time,指标…。空单元格表示未监测。"
                    + "任一行有误则全部不保存，400 的 errors[] 逐项写明第几行哪一列。")
    ResponseEntity<Object> csv(CurrentUser user, @RequestParam(defaultValue = "water") String kind,
            @RequestParam(required = false) org.springframework.web.multipart.MultipartFile file) throws java.io.IOException {
        byte[] content = file == null ? null : file.getBytes();
        List<Readings.Ingested> result = "air".equals(kind) ? csv.uploadAir(user, content) : csv.uploadWater(user, content);
        return respond(true, result);
    }

    @GetMapping("/reports/water")
    @Operation(summary = "水质月报（公开）：各断面按月均值评价类别、达到目标类别的断面比例、类别分布",
            description = "year 默认为当年；按 GB 3838-2002 评价，总磷按水体类型，溶解氧为下限")
    EcologyReports.WaterReport waterReport(@RequestParam(required = false) Integer year) {
        return reports.water(reports.year(year));
    }

    @GetMapping("/reports/air")
    @Operation(summary = "空气质量年报（公开）：各城市优良天数比例与 PM2.5 日均浓度均值（长株潭及萍乡）",
            description = "城市日 AQI 为该市各站点浓度算术平均后按 HJ 633 计算；year 默认为当年")
    EcologyReports.AirReport airReport(@RequestParam(required = false) Integer year) {
        return reports.air(reports.year(year));
    }

    @GetMapping("/alerts")
    @Operation(summary = "联防联控预警（各市生态环境局、一体化办）", description = "all=true 时包括已关闭的预警")
    List<Alerts.Alert> alerts(CurrentUser user, @RequestParam(defaultValue = "false") boolean all) {
        return alerts.list(user, all);
    }

    record AckRequest(String response) {
    }

    @PostMapping("/alerts/{id}/acknowledgement")
    @Operation(summary = "确认预警并反馈处置措施（本市生态环境局）", description = "请求体 {response}")
    Alerts.Alert acknowledge(CurrentUser user, @PathVariable long id, @RequestBody AckRequest request) {
        return alerts.acknowledge(user, id, request.response());
    }

    @GetMapping("/stations")
    @Operation(summary = "监测站点与断面", description = "code、name、city、kind（WATER/AIR）、waterBody（RIVER/LAKE，水质断面）、targetClass（水质目标类别）")
    List<Station> stations() {
        return readings.stations();
    }

    @PostMapping("/water-readings")
    @PreAuthorize("hasAnyRole('CITY_STAFF','JOINT_OFFICE','ADMIN')")
    @Operation(summary = "报送水质监测数据（一条或数组）",
            description = "{station, time（ISO 8601 带时区）, values:{DO, CODMn, COD, BOD5, NH3N, TP, TN, pH, …}}；mg/L（pH 无量纲，粪大肠菌群 个/L）。"
                    + "新数据 201，返回 assessment（waterClass I–V 或 劣V、deciding、perParameter）；同一站点同一时刻再次提交返回 200 与已保存的评价，不作改动。"
                    + "数组中任一条有误则全部不保存（400，errors[] 以 [序号].字段 指明）。")
    ResponseEntity<Object> water(CurrentUser user, @RequestBody JsonNode body) {
        List<Readings.WaterInput> inputs = new ArrayList<>();
        for (JsonNode n : items(body)) {
            inputs.add(new Readings.WaterInput(text(n, "station"), text(n, "time"), values(n)));
        }
        return respond(body.isArray(), readings.ingestWater(user, inputs));
    }

    @PostMapping("/air-readings")
    @PreAuthorize("hasAnyRole('CITY_STAFF','JOINT_OFFICE','ADMIN')")
    @Operation(summary = "报送空气质量监测数据（一条或数组）",
            description = "日报 {station, date, report:\"daily\", values:{SO2_24h, NO2_24h, CO_24h, PM10_24h, PM2.5_24h, O3_8h_max, O3_1h_max}}；"
                    + "实时报 {station, time, report:\"hourly\", values:{SO2_1h, NO2_1h, CO_1h, O3_1h, PM10_1h, PM2.5_1h（2026 版）或 O3_8h、PM10_24h、PM2.5_24h（2012 版滑动均值）}}。"
                    + "按数据日期选用 HJ 633-2012（2026-03-01 前）或 HJ 633—2026，返回 assessment（edition、aqi、level、category、iaqi、primaryPollutants）。")
    ResponseEntity<Object> air(CurrentUser user, @RequestBody JsonNode body) {
        List<Readings.AirInput> inputs = new ArrayList<>();
        for (JsonNode n : items(body)) {
            inputs.add(new Readings.AirInput(text(n, "station"), text(n, "report"), text(n, "date"), text(n, "time"), values(n)));
        }
        return respond(body.isArray(), readings.ingestAir(user, inputs));
    }

    private static List<JsonNode> items(JsonNode body) {
        List<JsonNode> list = new ArrayList<>();
        if (body == null || !(body.isArray() || body.isObject())) {
            throw new BusinessException("请求体应为一条监测数据（JSON 对象）或数组");
        }
        if (body.isArray()) {
            body.forEach(n -> {
                if (!n.isObject()) {
                    throw new BusinessException("数组中的每一项都应为 JSON 对象");
                }
                list.add(n);
            });
        } else {
            list.add(body);
        }
        return list;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asString() : v.toString();
    }

    private static Map<String, String> values(JsonNode n) {
        JsonNode v = n.get("values");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw BusinessException.invalid("values", "values 应为 {指标: 数值} 对象");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            JsonNode x = e.getValue();
            out.put(e.getKey(), x.isNumber() ? x.decimalValue().toPlainString() : x.isValueNode() && !x.isNull() ? x.asString() : "");
        }
        return out;
    }

    private static ResponseEntity<Object> respond(boolean array, List<Readings.Ingested> results) {
        boolean created = results.stream().anyMatch(Readings.Ingested::created);
        HttpStatus status = created ? HttpStatus.CREATED : HttpStatus.OK;
        if (array) {
            return ResponseEntity.status(status).body(Map.of("readings", results));
        }
        return ResponseEntity.status(status).body(results.get(0));
    }
}
