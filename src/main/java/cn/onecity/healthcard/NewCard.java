package cn.onecity.healthcard;

/** An application for a card: the holder's name, ID number (GB 11643), mobile phone and home city (430100 …). */
public record NewCard(String name, String idNumber, String phone, String homeCityCode) {
}
