package cn.onecity.healthcard.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import cn.onecity.healthcard.Card;
import cn.onecity.healthcard.CardUse;
import cn.onecity.shared.Times;

/** The holder's use history as an .xlsx workbook. */
final class UseWorkbook {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private UseWorkbook() {
    }

    static byte[] write(Card card, List<CardUse> uses) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("用卡记录");
            Font bold = wb.createFont();
            bold.setBold(true);
            CellStyle header = wb.createCellStyle();
            header.setFont(bold);
            Row title = sheet.createRow(0);
            title.createCell(0).setCellValue("电子健康卡用卡记录");
            title.getCell(0).setCellStyle(header);
            sheet.createRow(1).createCell(0).setCellValue("持卡人 " + card.maskedName() + "，身份证 " + card.maskedIdNumber()
                    + "，卡号 " + card.cardId());
            Row head = sheet.createRow(3);
            String[] columns = {"时间", "医院", "医院所在城市", "用途", "科室", "核验方式"};
            for (int i = 0; i < columns.length; i++) {
                Cell c = head.createCell(i);
                c.setCellValue(columns[i]);
                c.setCellStyle(header);
            }
            int r = 4;
            for (CardUse u : uses) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(Times.format(u.usedAt()));
                row.createCell(1).setCellValue(u.hospital());
                row.createCell(2).setCellValue(u.hospitalCity());
                row.createCell(3).setCellValue(u.purpose());
                row.createCell(4).setCellValue(u.department() == null ? "" : u.department());
                row.createCell(5).setCellValue(u.offline() ? "离线核验（医院事后上报）" : "在线核验");
            }
            sheet.createRow(r + 1).createCell(0).setCellValue("共 " + uses.size() + " 条");
            int[] widths = {18, 30, 12, 8, 16, 16};
            for (int i = 0; i < widths.length; i++) {
                sheet.setColumnWidth(i, widths[i] * 256 * 2);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseEntity<byte[]> download(Card card, List<CardUse> uses) {
        String name = URLEncoder.encode("电子健康卡用卡记录.xlsx", StandardCharsets.UTF_8).replace("+", "%20");
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"uses.xlsx\"; filename*=UTF-8''" + name)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(write(card, uses));
    }
}
