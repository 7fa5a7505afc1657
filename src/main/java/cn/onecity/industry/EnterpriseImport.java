package cn.onecity.industry;

import cn.onecity.shared.CreditCodes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.region.District;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;

/**
 * Excel import of enterprises with its template. Rows are de-duplicated by credit code: a code already in the
 * directory is skipped (and reported), a code twice in the file is an error. Every error names its row and
 * column ("第3行「统一社会信用代码」：……"); a file with any error saves nothing.
 */
@Service
public class EnterpriseImport {

    public static final List<String> HEADERS = List.of("企业名称", "统一社会信用代码", "区县", "园区", "规模", "主要产品", "能力");
    public static final String SHEET = "企业";
    public static final int MAX_ROWS = 5000;

    private static final Map<String, Integer> FIELD_COLUMNS = Map.of("name", 0, "creditCode", 1, "districtCode", 2,
            "parkCode", 3, "size", 4, "products", 5, "capabilities", 5);

    private final Enterprises enterprises;
    private final Region region;
    private final AuditLog audit;

    EnterpriseImport(Enterprises enterprises, Region region, AuditLog audit) {
        this.enterprises = enterprises;
        this.region = region;
        this.audit = audit;
    }

    /** What an import did: enterprises created, and the rows skipped because their code was already registered. */
    public record Result(int created, List<String> skipped) {
    }

    /** The template: the header, and a sheet with a 示例 row, of districts, parks and sizes. */
    public byte[] template() {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(SHEET);
            CellStyle head = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            head.setFont(bold);
            head.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            head.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            Row h = sheet.createRow(0);
            for (int c = 0; c < HEADERS.size(); c++) {
                h.createCell(c).setCellValue(HEADERS.get(c));
                h.getCell(c).setCellStyle(head);
                sheet.setColumnWidth(c, (c == 0 || c >= 5 ? 30 : 22) * 256);
            }
            Sheet help = wb.createSheet("填写说明");
            int r = 0;
            Row exampleHead = help.createRow(r++);
            Row example = help.createRow(r++);
            String[] sample = {"湘潭示例导入企业有限公司（示例）", CreditCodes.withCheck("91430300MA4L00001"), "岳塘区", "湘潭经开区",
                    "小", "电机控制器", "电控设计"};
            for (int c = 0; c < HEADERS.size(); c++) {
                exampleHead.createCell(c).setCellValue(HEADERS.get(c));
                example.createCell(c).setCellValue(sample[c]);
            }
            r++;
            help.createRow(r++).createCell(0).setCellValue("统一社会信用代码：18 位（GB 32100），不含 I、O、Z、S、V，末位为校验位；已登记的代码跳过，同一文件内不得重复。");
            help.createRow(r++).createCell(0).setCellValue("规模：大 / 中 / 小 / 微（或 LARGE / MEDIUM / SMALL / MICRO）。园区可留空。任何一行有错时整个文件不导入。");
            r++;
            Row dh = help.createRow(r++);
            dh.createCell(0).setCellValue("区县代码");
            dh.createCell(1).setCellValue("区县");
            dh.createCell(2).setCellValue("城市");
            for (District d : region.districts()) {
                Row row = help.createRow(r++);
                row.createCell(0).setCellValue(d.code());
                row.createCell(1).setCellValue(d.name());
                row.createCell(2).setCellValue(region.cityShortName(d.cityCode()));
            }
            r++;
            help.createRow(r++).createCell(0).setCellValue("园区");
            for (Park p : enterprises.parks()) {
                Row row = help.createRow(r++);
                row.createCell(0).setCellValue(p.name());
                row.createCell(1).setCellValue(region.cityShortName(p.cityCode()));
            }
            help.setColumnWidth(0, 40 * 256);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports the workbook as 工信局 staff (their city's enterprises) or the joint office; all or nothing. */
    @Transactional
    public Result importWorkbook(CurrentUser user, byte[] file) {
        if (!Enterprises.isStaff(user)) {
            throw new ForbiddenException("只有市工业和信息化局或一体化办可以批量导入企业");
        }
        List<EnterpriseDraft> drafts = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        List<FieldMessage> errors = new ArrayList<>();
        read(file, drafts, rowNumbers, errors);
        Map<String, Integer> seen = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        List<EnterpriseDraft> toCreate = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            EnterpriseDraft d = drafts.get(i);
            int n = rowNumbers.get(i);
            List<FieldMessage> problems = enterprises.problems(d);
            for (FieldMessage p : problems) {
                String col = HEADERS.get(FIELD_COLUMNS.getOrDefault(p.field(), 0));
                errors.add(new FieldMessage("rows[" + n + "]." + p.field(), "第" + n + "行「" + col + "」：" + p.message()));
            }
            if (problems.stream().anyMatch(p -> p.field().equals("creditCode"))) {
                continue;
            }
            String code = CreditCodes.normalise(d.creditCode());
            Integer first = seen.putIfAbsent(code, n);
            if (first != null) {
                errors.add(new FieldMessage("rows[" + n + "].creditCode",
                        "第" + n + "行「统一社会信用代码」：与第" + first + "行重复（" + code + "）"));
                continue;
            }
            String city = region.districts().stream().filter(x -> x.code().equals(d.districtCode())).map(District::cityCode)
                    .findFirst().orElse(null);
            if (city != null && !Enterprises.isStaffFor(user, city)) {
                errors.add(new FieldMessage("rows[" + n + "].districtCode", "第" + n + "行「区县」：只能导入本市（"
                        + region.cityShortName(user.cityCode()) + "）的企业"));
                continue;
            }
            if (enterprises.findByCreditCode(code).isPresent()) {
                skipped.add(code);
            } else if (problems.isEmpty()) {
                toCreate.add(d);
            }
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, "文件有 " + errors.size() + " 处错误，未导入任何企业：" + errors.get(0).message(), errors);
        }
        for (EnterpriseDraft d : toCreate) {
            enterprises.registerAsSystem(d);
        }
        audit.record("industry", "导入企业", null, "新增 " + toCreate.size() + " 家，跳过已登记 " + skipped.size() + " 家");
        return new Result(toCreate.size(), skipped);
    }

    private void read(byte[] file, List<EnterpriseDraft> drafts, List<Integer> rows, List<FieldMessage> errors) {
        if (file == null || file.length == 0) {
            throw BusinessException.invalid("file", "请选择要导入的 Excel 文件（.xlsx）");
        }
        Workbook wb;
        try {
            wb = WorkbookFactory.create(new ByteArrayInputStream(file));
        } catch (IOException | RuntimeException e) {
            throw BusinessException.invalid("file", "文件不是有效的 Excel 工作簿，请使用下载的模板（.xlsx）");
        }
        try (wb) {
            Sheet sheet = wb.getSheet(SHEET);
            if (sheet == null) {
                sheet = wb.getSheetAt(0);
            }
            DataFormatter fmt = new DataFormatter();
            Row header = sheet.getRow(0);
            for (int c = 0; c < HEADERS.size(); c++) {
                String got = header == null ? "" : fmt.formatCellValue(header.getCell(c)).strip();
                if (!HEADERS.get(c).equals(got)) {
                    throw BusinessException.invalid("file", "表头与模板不符：第" + (c + 1) + "列应为「" + HEADERS.get(c)
                            + "」，实为「" + got + "」。请使用下载的模板");
                }
            }
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null || blank(row, fmt)) {
                    continue;
                }
                if (drafts.size() >= MAX_ROWS) {
                    throw BusinessException.invalid("file", "一次最多导入 " + MAX_ROWS + " 行");
                }
                String name = cell(row, 0, fmt);
                String district = cell(row, 2, fmt);
                String park = cell(row, 3, fmt);
                drafts.add(new EnterpriseDraft(name, cell(row, 1, fmt), districtCode(district), parkCode(park),
                        cell(row, 4, fmt), cell(row, 5, fmt), cell(row, 6, fmt), List.of(), List.of()));
                rows.add(r + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (drafts.isEmpty()) {
            throw BusinessException.invalid("file", "文件中没有企业数据行");
        }
    }

    /** A district by code or name; unknown text is passed on (and reported by the validation). */
    private String districtCode(String s) {
        if (s.isEmpty()) {
            return s;
        }
        Optional<District> d = region.districts().stream().filter(x -> x.code().equals(s) || x.name().equals(s)).findFirst();
        return d.map(District::code).orElse(s);
    }

    private String parkCode(String s) {
        if (s.isEmpty()) {
            return null;
        }
        return enterprises.parks().stream().filter(p -> p.code().equals(s) || p.name().equals(s)).map(Park::code)
                .findFirst().orElse(s);
    }

    private static boolean blank(Row row, DataFormatter fmt) {
        for (int c = 0; c < HEADERS.size(); c++) {
            if (!cell(row, c, fmt).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static String cell(Row row, int c, DataFormatter fmt) {
        Cell cell = row.getCell(c);
        return cell == null ? "" : fmt.formatCellValue(cell).strip();
    }
}
