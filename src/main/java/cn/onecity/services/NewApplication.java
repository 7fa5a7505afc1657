package cn.onecity.services;

import java.util.List;
import java.util.Map;

/**
 * What an applicant submits.
 *
 * @param acceptCity  收件地 (异地代收代办 only): the city whose window takes the application in
 * @param handleCity  办理地: the city whose competent department handles it (全程网办 and 异地代收代办)
 * @param jointCities 多地联办: the cities whose departments handle it in parallel, the first one leading
 * @param form        the item's form fields, by label
 */
public record NewApplication(Long itemId, String mode, String acceptCity, String handleCity, List<String> jointCities,
        String applicantName, String idNumber, String phone, Map<String, String> form) {
}
