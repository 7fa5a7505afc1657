package cn.onecity.cooperation;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.region.City;
import cn.onecity.region.Department;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;

/**
 * Imports an action plan from the Excel template into a joint meeting. Every row is checked first (the rules of
 * {@link CooperationManagement#validate}, plus names that must resolve, dates, duplicate codes in the file and in
 * the database); when any row fails nothing is saved and every error is reported as "第3行：……".
 * The whole import is one transaction with one audit entry.
 */
@Service
public class PlanImport {

    /** The template's columns, in order. */
    public static final List<String> HEADERS = List.of("事项编号", "事项名称", "合作领域", "所属行动", "牵头城市", "牵头部门",
            "配合部门（城市+部门，多个用“、”分隔）", "既定目标任务", "完成时限", "权重", "里程碑（名称@日期，多个用“；”分隔）", "备注");

    /** At most this many rows per file. */
    public static final int MAX_ROWS = 2000;

    private static final Pattern LIST_SEPARATOR = Pattern.compile("[、,，;；\\n]+");
    private static final Pattern MILESTONE_SEPARATOR = Pattern.compile("[；;\\n]+");
    private static final DateTimeFormatter[] DATE_FORMATS = {strict("uuuu-M-d"), strict("uuuu/M/d"),
            strict("uuuu.M.d"), strict("uuuu年M月d日")};

    private final CooperationManagement management;
    private final Cooperation cooperation;
    private final Region region;
    private final AuditLog audit;
    private final JdbcClient jdbc;

    PlanImport(CooperationManagement management, Cooperation cooperation, Region region, AuditLog audit,
            JdbcClient jdbc) {
        this.management = management;
        this.cooperation = cooperation;
        this.region = region;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /** One checked row of the file. */
    record ParsedRow(int rowNo, String actionName, NewItem item) {
    }

    /**
     * Imports every row of the first sheet into the meeting; returns the number of items created.
     * A file with any error saves nothing: a 400 whose errors name each row ("第3行：……").
     */
    @Transactional
    public int importPlan(CurrentUser actor, int sessionNo, InputStream xlsx) {
        CooperationManagement.requireOffice(actor);
        Meeting meeting = cooperation.meeting(sessionNo); // 404 when unknown
        List<FieldMessage> errors = new ArrayList<>();
        List<ParsedRow> rows = parse(xlsx, errors);
        if (rows.isEmpty() && errors.isEmpty()) {
            throw BusinessException.invalid("file", "文件中没有可导入的事项：请从第2行起按模板填写");
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, "导入失败：共" + errors.size() + "处错误，未保存任何事项。请修改后重新导入。", errors);
        }
        for (ParsedRow row : rows) {
            long actionId = management.ensureAction(actor, sessionNo, row.actionName());
            NewItem i = row.item();
            management.createItem(actor, new NewItem(actionId, i.code(), i.title(), i.area(), i.leadDepartmentCode(),
                    i.coDepartmentCodes(), i.target(), i.deadline(), i.weight(), i.remark(), i.milestones()));
        }
        audit.record("cooperation", "导入行动计划", "第" + sessionNo + "届",
                meeting.title() + "：导入" + rows.size() + "项合作事项");
        return rows.size();
    }

    List<ParsedRow> parse(InputStream xlsx, List<FieldMessage> errors) {
        Workbook workbook;
        try {
            workbook = WorkbookFactory.create(xlsx);
        } catch (IOException | RuntimeException e) {
            throw BusinessException.invalid("file", "无法读取文件：请上传由导入模板填写的 Excel 文件（.xlsx）");
        }
        try (workbook) {
            Sheet sheet = workbook.getSheetAt(0);
            Row header = sheet.getRow(sheet.getFirstRowNum());
            DataFormatter fmt = new DataFormatter();
            if (header == null || !HEADERS.get(0).equals(text(fmt, header.getCell(0)))
                    || !HEADERS.get(1).equals(text(fmt, header.getCell(1)))) {
                throw BusinessException.invalid("file", "文件格式不符：第1行应为模板的表头（事项编号、事项名称……），请下载导入模板填写");
            }
            Names names = new Names(region);
            Map<String, Integer> codesInFile = new HashMap<>();
            List<ParsedRow> rows = new ArrayList<>();
            int last = sheet.getLastRowNum();
            if (last - header.getRowNum() > MAX_ROWS) {
                throw BusinessException.invalid("file", "一次最多导入 " + MAX_ROWS + " 行");
            }
            for (int r = header.getRowNum() + 1; r <= last; r++) {
                Row row = sheet.getRow(r);
                if (row == null || isBlank(fmt, row)) {
                    continue;
                }
                ParsedRow parsed = parseRow(fmt, row, r + 1, names, errors);
                if (parsed == null) {
                    continue;
                }
                String code = parsed.item().code() == null ? "" : parsed.item().code().strip();
                if (!code.isEmpty()) {
                    Integer first = codesInFile.putIfAbsent(code, r + 1);
                    if (first != null) {
                        errors.add(rowError(r + 1, "事项编号“" + code + "”与第" + first + "行重复"));
                    }
                }
                rows.add(parsed);
            }
            checkExistingCodes(rows, errors);
            errors.sort((a, b) -> Integer.compare(rowOf(a), rowOf(b)));
            return rows;
        } catch (IOException e) {
            throw BusinessException.invalid("file", "无法读取文件：请上传由导入模板填写的 Excel 文件（.xlsx）");
        }
    }

    private void checkExistingCodes(List<ParsedRow> rows, List<FieldMessage> errors) {
        Map<String, Integer> byCode = new LinkedHashMap<>();
        for (ParsedRow r : rows) {
            if (r.item().code() != null && !r.item().code().isBlank()) {
                byCode.putIfAbsent(r.item().code().strip(), r.rowNo());
            }
        }
        if (byCode.isEmpty()) {
            return;
        }
        List<String> codes = new ArrayList<>(byCode.keySet());
        for (int i = 0; i < codes.size(); i += 500) {
            List<String> chunk = codes.subList(i, Math.min(codes.size(), i + 500));
            for (String existing : jdbc.sql("SELECT code FROM coop_item WHERE code IN (:codes)").param("codes", chunk)
                    .query(String.class).list()) {
                errors.add(rowError(byCode.get(existing), "事项编号“" + existing + "”已存在，不能重复导入"));
            }
        }
    }

    private ParsedRow parseRow(DataFormatter fmt, Row row, int rowNo, Names names, List<FieldMessage> errors) {
        String code = text(fmt, row.getCell(0));
        String title = text(fmt, row.getCell(1));
        String areaLabel = text(fmt, row.getCell(2));
        String action = text(fmt, row.getCell(3));
        String cityName = text(fmt, row.getCell(4));
        String deptName = text(fmt, row.getCell(5));
        String coNames = text(fmt, row.getCell(6));
        String target = text(fmt, row.getCell(7));
        String weightText = text(fmt, row.getCell(9));
        String milestoneText = text(fmt, row.getCell(10));
        String remark = text(fmt, row.getCell(11));

        Area area = null;
        if (!areaLabel.isEmpty()) {
            area = Area.fromLabel(areaLabel);
            if (area == null) {
                errors.add(rowError(rowNo, "合作领域“" + areaLabel + "”无效，应为产业协同、科创协作、交通互联、生态共治或服务共享"));
            }
        }
        if (action.isEmpty()) {
            errors.add(rowError(rowNo, "请填写所属行动"));
        } else if (action.length() > 200) {
            errors.add(rowError(rowNo, "所属行动不能超过 200 个字符"));
        }
        String leadCode = null;
        City city = null;
        if (cityName.isEmpty()) {
            errors.add(rowError(rowNo, "请填写牵头城市"));
        } else {
            city = names.city(cityName).orElse(null);
            if (city == null) {
                errors.add(rowError(rowNo, "牵头城市“" + cityName + "”不存在，应为长沙市、株洲市或湘潭市"));
            }
        }
        if (deptName.isEmpty()) {
            errors.add(rowError(rowNo, "请填写牵头部门"));
        } else if (city != null) {
            Optional<Department> d = names.department(city, deptName);
            if (d.isEmpty()) {
                errors.add(rowError(rowNo, "牵头部门“" + deptName + "”在" + city.name() + "不存在（可选部门见模板第二个工作表）"));
            } else {
                leadCode = d.get().code();
            }
        }
        List<String> coCodes = new ArrayList<>();
        for (String n : split(LIST_SEPARATOR, coNames)) {
            Optional<Department> d = names.department(null, n);
            if (d.isEmpty()) {
                errors.add(rowError(rowNo, "配合部门“" + n + "”不存在：请写城市加部门全称，如“株洲市交通运输局”"));
            } else if (!d.get().code().equals(leadCode) && !coCodes.contains(d.get().code())) {
                coCodes.add(d.get().code());
            }
        }
        LocalDate deadline = null;
        Cell deadlineCell = row.getCell(8);
        String deadlineText = text(fmt, deadlineCell);
        if (!deadlineText.isEmpty()) {
            deadline = date(deadlineCell, deadlineText);
            if (deadline == null) {
                errors.add(rowError(rowNo, "完成时限格式应为YYYY-MM-DD"));
            }
        }
        Double weight = null;
        if (!weightText.isEmpty()) {
            try {
                weight = Double.valueOf(weightText);
            } catch (NumberFormatException e) {
                errors.add(rowError(rowNo, "权重应为数字，如 1 或 1.5"));
            }
        }
        List<NewItem.NewMilestone> milestones = new ArrayList<>();
        for (String m : split(MILESTONE_SEPARATOR, milestoneText)) {
            int at = Math.max(m.lastIndexOf('@'), m.lastIndexOf('＠'));
            LocalDate due = at < 0 ? null : parseDate(m.substring(at + 1).strip());
            if (at <= 0 || due == null) {
                errors.add(rowError(rowNo, "里程碑“" + m + "”格式应为“名称@YYYY-MM-DD”"));
            } else {
                milestones.add(new NewItem.NewMilestone(m.substring(0, at).strip(), due));
            }
        }
        if (remark.length() > 500) {
            errors.add(rowError(rowNo, "备注不能超过 500 个字符"));
        }
        NewItem item = new NewItem(0, code, title, area, leadCode, coCodes, target, deadline, weight,
                remark.isEmpty() ? null : remark, milestones);
        for (FieldMessage m : management.validate(item)) {
            boolean reported = switch (m.field()) {
                case "area" -> !areaLabel.isEmpty(); // an invalid label is reported above
                case "leadDepartmentCode" -> true; // a missing or unknown city or department is reported above
                case "coDepartmentCodes" -> true; // names are checked above
                case "deadline" -> !deadlineText.isEmpty();
                case "remark" -> true; // checked above
                default -> false;
            };
            if (!reported) {
                errors.add(rowError(rowNo, m.message()));
            }
        }
        return new ParsedRow(rowNo, action, item);
    }

    private static LocalDate date(Cell cell, String text) {
        if (cell != null && cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getLocalDateTimeCellValue().toLocalDate();
        }
        return parseDate(text);
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }

    static LocalDate parseDate(String text) {
        for (DateTimeFormatter f : DATE_FORMATS) {
            try {
                return LocalDate.parse(text.strip(), f);
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return null;
    }

    private static List<String> split(Pattern separator, String text) {
        List<String> out = new ArrayList<>();
        for (String s : separator.split(text)) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static boolean isBlank(DataFormatter fmt, Row row) {
        for (int c = 0; c < HEADERS.size(); c++) {
            if (!text(fmt, row.getCell(c)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static String text(DataFormatter fmt, Cell cell) {
        if (cell == null) {
            return "";
        }
        if (cell.getCellType() == CellType.NUMERIC && !DateUtil.isCellDateFormatted(cell)) {
            double v = cell.getNumericCellValue();
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return String.valueOf((long) v);
            }
            return String.valueOf(v);
        }
        if (cell.getCellType() == CellType.NUMERIC) {
            return cell.getLocalDateTimeCellValue().toLocalDate().toString();
        }
        return fmt.formatCellValue(cell).strip();
    }

    static FieldMessage rowError(int rowNo, String message) {
        return new FieldMessage("row" + rowNo, "第" + rowNo + "行：" + message);
    }

    private static int rowOf(FieldMessage m) {
        try {
            return Integer.parseInt(m.field().substring(3));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Resolves the city and department names people write: 长沙市 or 长沙, 交通运输局 or 长沙市交通运输局. */
    static final class Names {
        private final List<City> cities;
        private final Map<String, Department> departments = new HashMap<>();

        Names(Region region) {
            this.cities = region.cities();
            Map<String, City> byCode = region.citiesByCode();
            for (Department d : region.departments()) {
                City c = byCode.get(d.cityCode());
                departments.put(d.name(), d);
                if (c != null && d.name().startsWith(c.name())) {
                    departments.put(c.shortName() + d.name().substring(c.name().length()), d);
                }
            }
        }

        Optional<City> city(String name) {
            String n = name.strip();
            return cities.stream().filter(c -> c.name().equals(n) || c.shortName().equals(n) || c.code().equals(n))
                    .findFirst();
        }

        /** With a city, a bare department name (交通运输局) is read as that city's. */
        Optional<Department> department(City city, String name) {
            String n = name.strip();
            Department d = departments.get(n);
            if (d == null && city != null) {
                d = departments.get(city.name() + n);
            }
            if (d != null && city != null && !d.cityCode().equals(city.code())) {
                return Optional.empty();
            }
            return Optional.ofNullable(d);
        }
    }
}
