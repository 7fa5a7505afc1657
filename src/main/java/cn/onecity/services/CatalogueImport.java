package cn.onecity.services;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.region.Department;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;

/**
 * The catalogue as a table: the Excel import (with its template) and export, and the tab-separated demo
 * catalogue. Both file kinds go through the same row parsing and the rules of {@link Catalogue#validate}; a
 * file with any bad row saves nothing, and every error names its row and column ("第3行「承诺时限」：……").
 * Rows whose 事项编码 exists update that item (its status is kept); the others create items.
 */
@Service
public class CatalogueImport {

    /** The columns of the template, the export and (in this order) the demo TSV. */
    public static final List<String> HEADERS = List.of("事项编码", "事项名称", "服务对象", "主题", "主管部门类别", "办理方式",
            "法定时限", "承诺时限", "收费标准", "设定依据", "申请材料", "表单字段");
    /** The same columns as the demo TSV names them. */
    static final List<String> TSV_HEADERS = List.of("code", "name", "subject", "theme", "department", "modes",
            "statutory_days", "promised_days", "fee", "legal_basis", "materials", "form_fields");
    /** {@link ItemDraft} field → column, to place the catalogue's own messages. */
    private static final Map<String, Integer> FIELD_COLUMNS = Map.ofEntries(Map.entry("code", 0), Map.entry("name", 1),
            Map.entry("subject", 2), Map.entry("theme", 3), Map.entry("departmentKind", 4), Map.entry("departments", 4),
            Map.entry("modes", 5), Map.entry("statutoryDays", 6), Map.entry("promisedDays", 7), Map.entry("fee", 8),
            Map.entry("legalBasis", 9), Map.entry("materials", 10), Map.entry("formFields", 11));

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String SHEET = "服务事项";
    public static final String HELP_SHEET = "填写说明";
    public static final int MAX_ROWS = 2000;

    private static final Pattern LIST = Pattern.compile("[;；\\n]+");
    private static final Pattern PARTS = Pattern.compile("[|｜]");
    private static final Pattern MODES = Pattern.compile("[、,，;；/\\s]+");

    private final Catalogue catalogue;
    private final Region region;
    private final AuditLog audit;
    private final JdbcClient jdbc;

    CatalogueImport(Catalogue catalogue, Region region, AuditLog audit, JdbcClient jdbc) {
        this.catalogue = catalogue;
        this.region = region;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /** What an import did. */
    public record Result(int created, int updated) {
        public int total() {
            return created + updated;
        }
    }

    /** One row of a file as text, cells in the order of {@link #HEADERS}; {@code rowNo} counts from 1. */
    record RawRow(int rowNo, List<String> cells) {
        String cell(int c) {
            return c < cells.size() && cells.get(c) != null ? cells.get(c).strip() : "";
        }
    }

    /** A checked row: the draft and the item it updates (null for a new code). */
    record ParsedRow(int rowNo, ItemDraft draft, ServiceItem existing) {
    }

    // ------------------------------------------------------------------------------------------ import

    /**
     * Imports the first sheet named {@value #SHEET} (else the first sheet) of an Excel file.
     *
     * @param publishNew whether new items are published at once (updated items keep their status)
     */
    @Transactional
    public Result importWorkbook(CurrentUser actor, InputStream xlsx, boolean publishNew) {
        Catalogue.requireMaintainer(actor);
        return importRows(actor, readWorkbook(xlsx), publishNew, "Excel");
    }

    /** Imports the tab-separated catalogue (header line {@link #TSV_HEADERS} or {@link #HEADERS}); the demo data uses it. */
    @Transactional
    public Result importTsv(CurrentUser actor, InputStream tsv, boolean publishNew) {
        Catalogue.requireMaintainer(actor);
        return importRows(actor, readTsv(tsv), publishNew, "TSV");
    }

    private Result importRows(CurrentUser actor, List<RawRow> rows, boolean publishNew, String source) {
        List<FieldMessage> errors = new ArrayList<>();
        List<ParsedRow> parsed = check(rows, errors);
        if (parsed.isEmpty() && errors.isEmpty()) {
            throw BusinessException.invalid("file", "文件中没有可导入的服务事项：请从第2行起按模板填写");
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, "导入失败：共 " + errors.size() + " 处错误，未保存任何服务事项。请修改后重新导入。", errors);
        }
        int created = 0;
        int updated = 0;
        for (ParsedRow r : parsed) {
            if (r.existing() == null) {
                catalogue.create(actor, withPublish(r.draft(), publishNew));
                created++;
            } else {
                ServiceItem old = r.existing();
                catalogue.update(actor, old.id(), withPublish(r.draft(), old.published()));
                if (Catalogue.SUSPENDED.equals(old.status())) {
                    catalogue.setStatus(actor, old.id(), Catalogue.SUSPENDED);
                }
                updated++;
            }
        }
        audit.record(Applications.MODULE, "导入服务事项", source, "新建 " + created + " 项，更新 " + updated + " 项");
        return new Result(created, updated);
    }

    private static ItemDraft withPublish(ItemDraft d, boolean publish) {
        return new ItemDraft(d.code(), d.name(), d.subject(), d.theme(), d.departmentKind(), d.modes(), d.statutoryDays(),
                d.promisedDays(), d.fee(), d.legalBasis(), d.formFields(), d.departments(), d.materials(), publish);
    }

    /** Parses and checks every row; errors are added in row order. */
    List<ParsedRow> check(List<RawRow> rows, List<FieldMessage> errors) {
        if (rows.size() > MAX_ROWS) {
            throw BusinessException.invalid("file", "一次最多导入 " + MAX_ROWS + " 个服务事项");
        }
        Map<String, Long> existingIds = existingIds(rows);
        Map<Long, ServiceItem> existing = new HashMap<>();
        List<Long> ids = new ArrayList<>(existingIds.values());
        for (int i = 0; i < ids.size(); i += 500) {
            catalogue.load(ids.subList(i, Math.min(ids.size(), i + 500))).forEach(it -> existing.put(it.id(), it));
        }
        Map<String, Department> kinds = kinds();
        Map<String, Integer> codesInFile = new HashMap<>();
        List<ParsedRow> out = new ArrayList<>();
        for (RawRow row : rows) {
            List<FieldMessage> rowErrors = new ArrayList<>();
            Set<Integer> reported = new LinkedHashSet<>();
            String code = row.cell(0);
            if (!code.isEmpty()) {
                Integer first = codesInFile.putIfAbsent(code, row.rowNo());
                if (first != null) {
                    error(rowErrors, reported, row.rowNo(), 0, "事项编码“" + code + "”与第" + first + "行重复");
                }
            }
            String kindText = row.cell(4);
            String kind = kindText;
            if (!kindText.isEmpty()) {
                Department d = kinds.get(kindText);
                if (d == null) {
                    error(rowErrors, reported, row.rowNo(), 4, "主管部门类别“" + kindText + "”无效，可选值见“" + HELP_SHEET + "”工作表");
                } else {
                    kind = d.kind();
                }
            }
            List<String> modes = new ArrayList<>();
            for (String m : split(MODES, row.cell(5))) {
                Optional<Mode> mode = Mode.parse(m);
                if (mode.isEmpty()) {
                    error(rowErrors, reported, row.rowNo(), 5, "办理方式“" + m + "”无效，应为全程网办、异地代收代办或多地联办（多个用“、”分隔）");
                } else if (!modes.contains(mode.get().name())) {
                    modes.add(mode.get().name());
                }
            }
            Integer statutory = days(row, 6, rowErrors, reported);
            Integer promised = days(row, 7, rowErrors, reported);
            List<ItemDraft.MaterialDraft> materials = materials(row, rowErrors, reported);
            String formFields = formFields(row, rowErrors, reported);
            Long existingId = existingIds.get(code);
            ServiceItem old = existingId == null ? null : existing.get(existingId);
            // a re-imported item keeps the per-city departments it had, unless its department kind changes
            Map<String, String> departments = old != null && old.departmentKind().equals(kind) ? old.departments() : null;
            ItemDraft draft = new ItemDraft(code, row.cell(1), row.cell(2), row.cell(3), kind, modes, statutory, promised,
                    row.cell(8), row.cell(9), formFields, departments, materials, true);
            for (FieldMessage m : catalogue.validate(draft, existingId)) {
                int column = FIELD_COLUMNS.getOrDefault(m.field(), 0);
                if (!reported.contains(column)) {
                    rowErrors.add(message(row.rowNo(), column, m.message()));
                }
            }
            errors.addAll(rowErrors);
            out.add(new ParsedRow(row.rowNo(), draft, old));
        }
        return out;
    }

    private Map<String, Long> existingIds(List<RawRow> rows) {
        List<String> codes = rows.stream().map(r -> r.cell(0)).filter(c -> !c.isEmpty()).distinct().toList();
        Map<String, Long> out = new HashMap<>();
        for (int i = 0; i < codes.size(); i += 500) {
            jdbc.sql("SELECT code, id FROM svc_item WHERE code IN (:codes)").param("codes", codes.subList(i, Math.min(codes.size(), i + 500)))
                    .query(rs -> {
                        out.put(rs.getString(1), rs.getLong(2));
                    });
        }
        return out;
    }

    /** Department kinds by what people write: the code (GJJ), the name (住房公积金管理中心) or a city's full name. */
    private Map<String, Department> kinds() {
        Map<String, Department> out = new HashMap<>();
        for (Department d : region.departments()) {
            String city = region.findCity(d.cityCode()).map(c -> c.name()).orElse("");
            out.putIfAbsent(d.kind(), d);
            out.putIfAbsent(d.kind().toLowerCase(), d);
            out.putIfAbsent(d.name(), d);
            if (!city.isEmpty() && d.name().startsWith(city)) {
                out.putIfAbsent(d.name().substring(city.length()), d);
            }
        }
        return out;
    }

    /** The department kinds in the order of the first city's departments: code → name without the city. */
    Map<String, String> kindNames() {
        Map<String, String> out = new LinkedHashMap<>();
        String first = region.cities().get(0).code();
        String cityName = region.city(first).name();
        for (Department d : region.departments(first)) {
            out.putIfAbsent(d.kind(), d.name().startsWith(cityName) ? d.name().substring(cityName.length()) : d.name());
        }
        return out;
    }

    private static Integer days(RawRow row, int column, List<FieldMessage> errors, Set<Integer> reported) {
        String text = row.cell(column);
        if (text.isEmpty()) {
            return null;
        }
        String t = text.replaceAll("\\s*个?工作日$", "").replaceAll("\\s*天$", "");
        try {
            return Integer.valueOf(t);
        } catch (NumberFormatException e) {
            error(errors, reported, row.rowNo(), column, HEADERS.get(column) + "应为整数（工作日），如 5");
            return null;
        }
    }

    /** {@code 名称|原件|1|必要;…}: the form, copies and requirement may be left out (原件, 1, 必要). */
    private static List<ItemDraft.MaterialDraft> materials(RawRow row, List<FieldMessage> errors, Set<Integer> reported) {
        List<ItemDraft.MaterialDraft> out = new ArrayList<>();
        for (String spec : split(LIST, row.cell(10))) {
            String[] p = PARTS.split(spec, -1);
            String name = p[0].strip();
            boolean original = true;
            Integer copies = 1;
            boolean required = true;
            String problem = null;
            if (p.length > 1 && !p[1].isBlank()) {
                String f = p[1].strip();
                if (f.equals("复印件")) {
                    original = false;
                } else if (!f.equals("原件")) {
                    problem = "应写“原件”或“复印件”，而不是“" + f + "”";
                }
            }
            if (p.length > 2 && !p[2].isBlank()) {
                try {
                    copies = Integer.valueOf(p[2].strip().replaceAll("份$", ""));
                } catch (NumberFormatException e) {
                    problem = "份数应为整数，而不是“" + p[2].strip() + "”";
                }
            }
            if (p.length > 3 && !p[3].isBlank()) {
                String r = p[3].strip();
                if (r.equals("非必要") || r.equals("选填") || r.equals("否")) {
                    required = false;
                } else if (!r.equals("必要") && !r.equals("必填") && !r.equals("是")) {
                    problem = "应写“必要”或“非必要”，而不是“" + r + "”";
                }
            }
            if (p.length > 4) {
                problem = "格式应为“名称|原件|1|必要”";
            }
            if (problem != null) {
                error(errors, reported, row.rowNo(), 10, "材料“" + spec + "”" + problem);
            } else {
                out.add(new ItemDraft.MaterialDraft(name, original, copies, required));
            }
        }
        return out;
    }

    /** {@code 标签|必填;标签|选填}: the flag may be left out (必填). */
    private static String formFields(RawRow row, List<FieldMessage> errors, Set<Integer> reported) {
        List<FormField> out = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (String spec : split(LIST, row.cell(11))) {
            String[] p = PARTS.split(spec, -1);
            String label = p[0].strip();
            String flag = p.length > 1 ? p[1].strip() : "必填";
            if (label.isEmpty() || p.length > 2 || !(flag.equals("必填") || flag.equals("选填"))) {
                error(errors, reported, row.rowNo(), 11, "表单字段“" + spec + "”格式应为“标签|必填”或“标签|选填”");
            } else if (label.length() > 50) {
                error(errors, reported, row.rowNo(), 11, "表单字段“" + label + "”的标签最多 50 字");
            } else if (!labels.add(label)) {
                error(errors, reported, row.rowNo(), 11, "表单字段“" + label + "”重复");
            } else {
                out.add(new FormField(label, flag.equals("必填")));
            }
        }
        return FormField.format(out);
    }

    private static void error(List<FieldMessage> errors, Set<Integer> reported, int rowNo, int column, String message) {
        reported.add(column);
        errors.add(message(rowNo, column, message));
    }

    /** An error of one cell: field {@code row3.承诺时限}, message {@code 第3行「承诺时限」：……}. */
    static FieldMessage message(int rowNo, int column, String message) {
        return new FieldMessage("row" + rowNo + "." + HEADERS.get(column), "第" + rowNo + "行「" + HEADERS.get(column) + "」：" + message);
    }

    private static List<String> split(Pattern separator, String text) {
        List<String> out = new ArrayList<>();
        for (String s : separator.split(text == null ? "" : text)) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ reading files

    List<RawRow> readTsv(InputStream in) {
        List<RawRow> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null) {
                throw BusinessException.invalid("file", "文件是空的");
            }
            List<String> names = Arrays.asList(header.replace("\uFEFF", "").split("\t", -1));
            if (!names.stream().map(String::strip).toList().equals(TSV_HEADERS)
                    && !names.stream().map(String::strip).toList().equals(HEADERS)) {
                throw BusinessException.invalid("file", "文件格式不符：第1行应为表头 " + String.join("、", HEADERS));
            }
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    rows.add(new RawRow(n, Arrays.asList(line.split("\t", -1))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    List<RawRow> readWorkbook(InputStream in) {
        Workbook workbook;
        try {
            workbook = WorkbookFactory.create(in);
        } catch (IOException | RuntimeException e) {
            throw BusinessException.invalid("file", "无法读取文件：请上传由导入模板填写的 Excel 文件（.xlsx）");
        }
        try (workbook) {
            Sheet sheet = workbook.getSheet(SHEET) != null ? workbook.getSheet(SHEET) : workbook.getSheetAt(0);
            DataFormatter fmt = new DataFormatter();
            Row header = sheet.getRow(sheet.getFirstRowNum());
            List<String> names = new ArrayList<>();
            for (int c = 0; c < HEADERS.size(); c++) {
                names.add(header == null ? "" : text(fmt, header.getCell(c)));
            }
            if (!names.equals(HEADERS)) {
                throw BusinessException.invalid("file", "文件格式不符：第1行应为模板的表头（" + String.join("、", HEADERS)
                        + "），请下载导入模板填写");
            }
            if (sheet.getLastRowNum() - header.getRowNum() > MAX_ROWS) {
                throw BusinessException.invalid("file", "一次最多导入 " + MAX_ROWS + " 个服务事项");
            }
            List<RawRow> rows = new ArrayList<>();
            for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < HEADERS.size(); c++) {
                    cells.add(text(fmt, row.getCell(c)));
                }
                if (cells.stream().anyMatch(s -> !s.isEmpty())) {
                    rows.add(new RawRow(r + 1, cells));
                }
            }
            return rows;
        } catch (IOException e) {
            throw BusinessException.invalid("file", "无法读取文件：请上传由导入模板填写的 Excel 文件（.xlsx）");
        }
    }

    private static String text(DataFormatter fmt, Cell cell) {
        if (cell == null) {
            return "";
        }
        if (cell.getCellType() == CellType.NUMERIC && !DateUtil.isCellDateFormatted(cell)) {
            double v = cell.getNumericCellValue();
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
        }
        return fmt.formatCellValue(cell).strip();
    }

    // ------------------------------------------------------------------------------------------ writing files

    /** The empty template: the header row with drop-downs, and a sheet explaining every column. */
    public byte[] template() {
        return workbook(List.of());
    }

    /** Every item of the catalogue (any status) in the template's format, so that it can be imported again. */
    public byte[] export() {
        List<Long> ids = jdbc.sql("SELECT id FROM svc_item ORDER BY code").query(Long.class).list();
        List<ServiceItem> items = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 500) {
            items.addAll(catalogue.load(ids.subList(i, Math.min(ids.size(), i + 500))));
        }
        return workbook(items);
    }

    /** The materials an item asks for (materials dropped from the item are no longer loaded with it). */
    public static List<Material> askedMaterials(ServiceItem item) {
        return item.materials();
    }

    /** One item as the cells of a row, in the order of {@link #HEADERS}. */
    List<Object> cells(ServiceItem i, Map<String, String> kindNames) {
        return List.of(i.code(), i.name(), i.subject().label(), i.theme(), kindNames.getOrDefault(i.departmentKind(), i.departmentKind()),
                i.modes().stream().map(Mode::label).collect(Collectors.joining("、")), i.statutoryDays(), i.promisedDays(),
                i.fee(), i.legalBasis(),
                askedMaterials(i).stream().map(m -> m.name() + "|" + m.form() + "|" + m.copies() + "|" + (m.required() ? "必要" : "非必要"))
                        .collect(Collectors.joining(";")),
                FormField.format(i.formFields()));
    }

    private byte[] workbook(List<ServiceItem> items) {
        Map<String, String> kindNames = kindNames();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            CellStyle head = headerStyle(wb);
            CellStyle wrap = wb.createCellStyle();
            wrap.setWrapText(true);
            Sheet sheet = wb.createSheet(SHEET);
            Row header = sheet.createRow(0);
            int[] widths = {14, 36, 10, 12, 22, 26, 10, 10, 16, 40, 60, 40};
            for (int c = 0; c < HEADERS.size(); c++) {
                header.createCell(c).setCellValue(HEADERS.get(c));
                header.getCell(c).setCellStyle(head);
                sheet.setColumnWidth(c, widths[c] * 256);
            }
            int r = 1;
            for (ServiceItem item : items) {
                Row row = sheet.createRow(r++);
                List<Object> cells = cells(item, kindNames);
                for (int c = 0; c < cells.size(); c++) {
                    Object v = cells.get(c);
                    if (v instanceof Integer n) {
                        row.createCell(c).setCellValue(n);
                    } else {
                        row.createCell(c).setCellValue(String.valueOf(v));
                    }
                }
            }
            sheet.createFreezePane(0, 1);
            if (!items.isEmpty()) {
                sheet.setAutoFilter(new CellRangeAddress(0, items.size(), 0, HEADERS.size() - 1));
            }
            int last = Math.max(MAX_ROWS, items.size() + 200);
            DataValidationHelper dv = sheet.getDataValidationHelper();
            list(sheet, dv, 2, last, new String[] {"个人", "法人"}, true, "服务对象应为 个人 或 法人");
            list(sheet, dv, 3, last, Catalogue.THEMES.toArray(String[]::new), true, "请从列表中选择主题");
            list(sheet, dv, 4, last, kindNames.values().stream().distinct().toArray(String[]::new), false, null);
            list(sheet, dv, 5, last, new String[] {"全程网办", "异地代收代办", "全程网办、异地代收代办", "异地代收代办、多地联办",
                    "全程网办、异地代收代办、多地联办"}, false, null);
            helpSheet(wb, head, wrap, kindNames);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void list(Sheet sheet, DataValidationHelper dv, int column, int lastRow, String[] values, boolean strict,
            String error) {
        DataValidation v = dv.createValidation(dv.createExplicitListConstraint(values),
                new CellRangeAddressList(1, lastRow, column, column));
        // a strict list refuses other values; the others only offer common values (other spellings are allowed)
        v.setShowErrorBox(strict);
        if (strict) {
            v.createErrorBox("取值无效", error);
        }
        sheet.addValidationData(v);
    }

    private void helpSheet(Workbook wb, CellStyle head, CellStyle wrap, Map<String, String> kindNames) {
        Sheet help = wb.createSheet(HELP_SHEET);
        String[] cols = {"列", "是否必填", "填写格式与可选值", "示例"};
        int[] widths = {14, 10, 80, 50};
        Row h = help.createRow(0);
        for (int c = 0; c < cols.length; c++) {
            h.createCell(c).setCellValue(cols[c]);
            h.getCell(c).setCellStyle(head);
            help.setColumnWidth(c, widths[c] * 256);
        }
        String kinds = kindNames.entrySet().stream().map(e -> e.getValue() + "（" + e.getKey() + "）").collect(Collectors.joining("、"));
        String[][] rows = {
                {"事项编码", "必填", "字母、数字和连字符，2–40 位，全平台唯一。已存在的编码更新该事项（保留其发布状态），不存在的新建事项。", "CZT-0007"},
                {"事项名称", "必填", "最多 200 字。", "出具贷款职工住房公积金缴存使用证明"},
                {"服务对象", "必填", "个人 或 法人（个人事项由个人账号申请，法人事项由企业账号申请）。", "个人"},
                {"主题", "必填", "以下之一：" + String.join("、", Catalogue.THEMES) + "。", "公积金"},
                {"主管部门类别", "必填", "三市同类部门的名称或代码，各市由本市该类部门办理。可选：" + kinds + "。", "住房公积金管理中心"},
                {"办理方式", "必填", "全程网办、异地代收代办、多地联办 中的一种或多种，多个用“、”分隔（也可写 ONLINE、PROXY、JOINT）。",
                        "全程网办、异地代收代办"},
                {"法定时限", "必填", "整数，1–365 个工作日。", "5"},
                {"承诺时限", "必填", "整数，至少 1 个工作日，且不能超过法定时限。", "1"},
                {"收费标准", "必填", "最多 200 字；不收费请填“不收费”。", "不收费"},
                {"设定依据", "必填", "法律法规或文件名称及条款，最多 500 字。", "《住房公积金管理条例》第十三条"},
                {"申请材料", "至少一项", "每项写作“名称|原件或复印件|份数|必要或非必要”，多项用“;”分隔；后三部分可省略（默认 原件、1 份、必要）。",
                        "居民身份证|原件|1|必要;授权委托书|原件|1|非必要"},
                {"表单字段", "选填", "申请时要填写的信息，每项写作“标签|必填”或“标签|选填”，多项用“;”分隔。", "贷款银行|必填;备注|选填"}};
        int r = 1;
        for (String[] row : rows) {
            Row x = help.createRow(r++);
            for (int c = 0; c < row.length; c++) {
                x.createCell(c).setCellValue(row[c]);
                x.getCell(c).setCellStyle(wrap);
            }
        }
        r++;
        String[] notes = {"说明：",
                "1. 在“" + SHEET + "”工作表中填写，第1行为表头，请勿修改；从第2行起每行一个服务事项。",
                "2. 导入时先逐行校验：任一行有错误时整个文件都不会导入，错误会按“第几行「哪一列」”列出，请修改后重新上传。",
                "3. 导出的事项清单与本模板格式相同，修改后可直接重新导入。",
                "4. 演示数据中名称含“示例”的事项为虚构的示例事项。"};
        for (String n : notes) {
            help.createRow(r++).createCell(0).setCellValue(n);
        }
        r++;
        Row kh = help.createRow(r++);
        kh.createCell(0).setCellValue("部门类别代码");
        kh.createCell(1).setCellValue("名称");
        kh.getCell(0).setCellStyle(head);
        kh.getCell(1).setCellStyle(head);
        for (Map.Entry<String, String> e : kindNames.entrySet()) {
            Row x = help.createRow(r++);
            x.createCell(0).setCellValue(e.getKey());
            x.createCell(1).setCellValue(e.getValue());
        }
    }

    private static CellStyle headerStyle(Workbook wb) {
        CellStyle s = wb.createCellStyle();
        Font f = wb.createFont();
        f.setBold(true);
        s.setFont(f);
        s.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
        s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        s.setBorderBottom(BorderStyle.THIN);
        s.setWrapText(true);
        return s;
    }
}
