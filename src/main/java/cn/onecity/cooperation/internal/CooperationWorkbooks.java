package cn.onecity.cooperation.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.onecity.cooperation.Area;
import cn.onecity.cooperation.ItemView;
import cn.onecity.cooperation.Party;
import cn.onecity.cooperation.PlanImport;
import cn.onecity.region.City;
import cn.onecity.region.Department;
import cn.onecity.region.Region;

/** The Excel files of 协同督办: the import template and the item export. */
final class CooperationWorkbooks {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static final List<String> EXPORT_HEADERS = List.of("事项编号", "事项名称", "合作领域", "联席会议届次", "所属行动",
            "牵头城市", "牵头部门", "配合部门", "既定目标任务", "完成时限", "权重", "状态", "预警", "进度（%）", "完成日期",
            "下一节点日期", "待审核报送", "备注", "统计截至");

    private CooperationWorkbooks() {
    }

    static byte[] template(Region region) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("合作事项");
            CellStyle head = headerStyle(wb);
            Row header = sheet.createRow(0);
            for (int c = 0; c < PlanImport.HEADERS.size(); c++) {
                header.createCell(c).setCellValue(PlanImport.HEADERS.get(c));
                header.getCell(c).setCellStyle(head);
                sheet.setColumnWidth(c, c == 1 || c == 6 || c == 7 || c == 10 ? 40 * 256 : 16 * 256);
            }
            String[] example = {"7-JT-01", "长沙白庭路—湘潭银盖路融城干道建设（示例）", "交通互联", "基础设施互联互通行动",
                    "长沙市", "交通运输局", "湘潭市交通运输局", "年底前完成主线路基工程（示例）", "2027-06-30", "1",
                    "完成施工招标@2027-01-31；主线路基贯通@2027-05-31", "此行为示例，导入前请删除或改写"};
            Row row = sheet.createRow(1);
            for (int c = 0; c < example.length; c++) {
                row.createCell(c).setCellValue(example[c]);
            }
            sheet.createFreezePane(0, 1);

            DataValidationHelper dv = sheet.getDataValidationHelper();
            String[] areas = java.util.Arrays.stream(Area.values()).map(Area::label).toArray(String[]::new);
            DataValidationConstraint areaList = dv.createExplicitListConstraint(areas);
            DataValidation areaValidation = dv.createValidation(areaList, new CellRangeAddressList(1, 2000, 2, 2));
            areaValidation.setShowErrorBox(true);
            areaValidation.createErrorBox("合作领域无效", "请从列表中选择：" + String.join("、", areas));
            sheet.addValidationData(areaValidation);
            String[] cities = region.cities().stream().map(City::name).toArray(String[]::new);
            DataValidation cityValidation = dv.createValidation(dv.createExplicitListConstraint(cities),
                    new CellRangeAddressList(1, 2000, 4, 4));
            cityValidation.setShowErrorBox(true);
            cityValidation.createErrorBox("牵头城市无效", "请从列表中选择：" + String.join("、", cities));
            sheet.addValidationData(cityValidation);

            Sheet names = wb.createSheet("城市与部门");
            Row nh = names.createRow(0);
            String[] nameHeaders = {"城市", "部门（牵头部门填写）", "部门全称（配合部门填写）", "部门代码"};
            for (int c = 0; c < nameHeaders.length; c++) {
                nh.createCell(c).setCellValue(nameHeaders[c]);
                nh.getCell(c).setCellStyle(head);
                names.setColumnWidth(c, (c == 2 ? 30 : 20) * 256);
            }
            int r = 1;
            for (City city : region.cities()) {
                for (Department d : region.departments(city.code())) {
                    Row nr = names.createRow(r++);
                    nr.createCell(0).setCellValue(city.name());
                    nr.createCell(1).setCellValue(d.name().startsWith(city.name())
                            ? d.name().substring(city.name().length()) : d.name());
                    nr.createCell(2).setCellValue(d.name());
                    nr.createCell(3).setCellValue(d.code());
                }
            }
            Row tip = names.createRow(r + 1);
            tip.createCell(0).setCellValue("说明：完成时限与里程碑日期格式为 YYYY-MM-DD；合作领域为产业协同、科创协作、交通互联、生态共治、服务共享之一；有任一行错误时整个文件不导入。");
            return bytes(wb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] export(List<ItemView> items, Region region) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("合作事项");
            CellStyle head = headerStyle(wb);
            Row header = sheet.createRow(0);
            for (int c = 0; c < EXPORT_HEADERS.size(); c++) {
                header.createCell(c).setCellValue(EXPORT_HEADERS.get(c));
                header.getCell(c).setCellStyle(head);
                sheet.setColumnWidth(c, c == 1 || c == 8 ? 40 * 256 : c == 7 ? 30 * 256 : 14 * 256);
            }
            int r = 1;
            for (ItemView i : items) {
                Row row = sheet.createRow(r++);
                int c = 0;
                row.createCell(c++).setCellValue(i.code());
                row.createCell(c++).setCellValue(i.title());
                row.createCell(c++).setCellValue(i.area().label());
                row.createCell(c++).setCellValue(i.meetingSessionNo());
                row.createCell(c++).setCellValue(i.actionName());
                row.createCell(c++).setCellValue(region.findCity(i.leadCityCode()).map(City::name).orElse(i.leadCityCode()));
                row.createCell(c++).setCellValue(i.leadDepartmentName());
                row.createCell(c++).setCellValue(i.parties().stream().filter(p -> !p.lead()).map(Party::departmentCode)
                        .map(code -> region.findDepartment(code).map(Department::name).orElse(code))
                        .collect(Collectors.joining("、")));
                row.createCell(c++).setCellValue(i.target());
                row.createCell(c++).setCellValue(i.deadline() == null ? "" : i.deadline().toString());
                row.createCell(c++).setCellValue(i.weight());
                row.createCell(c++).setCellValue(i.status().label());
                row.createCell(c++).setCellValue(i.light().label());
                row.createCell(c++).setCellValue(i.progress());
                row.createCell(c++).setCellValue(i.completedOn() == null ? "" : i.completedOn().toString());
                row.createCell(c++).setCellValue(i.nextDue() == null ? "" : i.nextDue().toString());
                row.createCell(c++).setCellValue(i.pendingReports());
                row.createCell(c++).setCellValue(i.remark() == null ? "" : i.remark());
                row.createCell(c).setCellValue(i.asOf().toString());
            }
            sheet.createFreezePane(0, 1);
            if (!items.isEmpty()) {
                sheet.setAutoFilter(new org.apache.poi.ss.util.CellRangeAddress(0, items.size(), 0, EXPORT_HEADERS.size() - 1));
            }
            return bytes(wb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    private static byte[] bytes(Workbook wb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
    }
}
