package cn.onecity.ecology;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import cn.onecity.identity.CurrentUser;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;

/**
 * CSV upload of readings (UTF-8, comma-separated, a header row). Water: {@code station,time,<parameter keys…>};
 * air: {@code station,report,date,time,<indicator keys…>}. Empty cells are "not measured". Every row is checked
 * first; any bad row saves nothing, and errors name the row (第 N 行, the header being row 1) and column.
 */
@Service
public class ReadingsCsv {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final Pattern ITEM = Pattern.compile("\\[(\\d+)]\\.(.*)");

    private final Readings readings;

    ReadingsCsv(Readings readings) {
        this.readings = readings;
    }

    public List<Readings.Ingested> uploadWater(CurrentUser user, byte[] content) {
        List<Map<String, String>> rows = rows(content, "station", "time");
        List<Readings.WaterInput> inputs = new ArrayList<>();
        for (Map<String, String> r : rows) {
            inputs.add(new Readings.WaterInput(r.remove("station"), r.remove("time"), r));
        }
        try {
            return readings.ingestWater(user, inputs);
        } catch (BusinessException e) {
            throw byRow(e, inputs.size());
        }
    }

    public List<Readings.Ingested> uploadAir(CurrentUser user, byte[] content) {
        List<Map<String, String>> rows = rows(content, "station", "report");
        List<Readings.AirInput> inputs = new ArrayList<>();
        for (Map<String, String> r : rows) {
            inputs.add(new Readings.AirInput(r.remove("station"), r.remove("report"), r.remove("date"), r.remove("time"), r));
        }
        try {
            return readings.ingestAir(user, inputs);
        } catch (BusinessException e) {
            throw byRow(e, inputs.size());
        }
    }

    /** Field names like {@code [3].values.TP} become {@code 第 5 行 TP}. */
    private static BusinessException byRow(BusinessException e, int rows) {
        if (e.errors().isEmpty()) {
            return e;
        }
        List<FieldMessage> out = new ArrayList<>();
        for (FieldMessage f : e.errors()) {
            String field = f.field() == null ? "" : f.field();
            int row = 0;
            Matcher m = ITEM.matcher(field);
            if (m.matches()) {
                row = Integer.parseInt(m.group(1));
                field = m.group(2);
            }
            String column = field.startsWith("values.") ? field.substring(7) : field;
            out.add(new FieldMessage("row " + (row + 2) + " " + column, "第 " + (row + 2) + " 行 " + column + "：" + f.message()));
        }
        return new BusinessException(400, "CSV 中有 " + out.size() + " 处错误，未保存任何数据：" + out.get(0).message(), out);
    }

    private static List<Map<String, String>> rows(byte[] content, String... required) {
        if (content == null || content.length == 0) {
            throw BusinessException.invalid("file", "请选择 CSV 文件");
        }
        if (content.length > MAX_BYTES) {
            throw BusinessException.invalid("file", "CSV 文件不超过 5 MB，请分批上传");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw BusinessException.invalid("file", "CSV 应为 UTF-8 编码（Excel 中“另存为 CSV UTF-8”）");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() < 2) {
            throw BusinessException.invalid("file", "CSV 应有表头行和至少一行数据");
        }
        String[] header = lines.get(0).split(",", -1);
        for (int i = 0; i < header.length; i++) {
            header[i] = header[i].strip();
        }
        for (String r : required) {
            if (!List.of(header).contains(r)) {
                throw BusinessException.invalid("file", "CSV 表头缺少列 " + r + "（表头：" + String.join(",", header) + "）");
            }
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String[] cells = lines.get(n).split(",", -1);
            if (cells.length != header.length) {
                throw BusinessException.invalid("row " + (n + 1), "第 " + (n + 1) + " 行有 " + cells.length + " 列，表头有 "
                        + header.length + " 列（数值中不能含逗号）");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                String cell = cells[i].strip();
                if (!cell.isEmpty()) {
                    row.put(header[i], cell);
                }
            }
            rows.add(row);
        }
        return rows;
    }
}
