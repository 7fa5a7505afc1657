package cn.onecity.region;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.onecity.shared.NotFoundException;

/** Cities, districts and departments. Reference data: small, read often, changed by migrations only. */
@Service
public class Region {

    private final JdbcClient jdbc;
    private volatile List<City> cities;
    private volatile List<City> partners;
    private volatile List<Department> departments;
    private volatile List<District> districts;

    Region(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The three member cities, 长沙, 株洲, 湘潭. */
    public List<City> cities() {
        if (cities == null) {
            cities = jdbc.sql("SELECT code, name, short_name FROM reg_city WHERE member ORDER BY sort_order").query(City.class).list();
        }
        return cities;
    }

    /** Partner cities outside the three that join one cooperation, e.g. 萍乡 in the 长株潭萍 air cooperation. */
    public List<City> partnerCities() {
        if (partners == null) {
            partners = jdbc.sql("SELECT code, name, short_name FROM reg_city WHERE NOT member ORDER BY sort_order")
                    .query(City.class).list();
        }
        return partners;
    }

    public City city(String code) {
        return findCity(code).orElseThrow(() -> new NotFoundException("城市代码“" + code + "”不存在"));
    }

    public Optional<City> findCity(String code) {
        return cities().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** A member city or a partner city (萍乡). */
    public Optional<City> findAnyCity(String code) {
        return findCity(code).or(() -> partnerCities().stream().filter(c -> c.code().equals(code)).findFirst());
    }

    /** Short name (长沙) for a city code, or the code itself when unknown. */
    public String cityShortName(String code) {
        return findCity(code).map(City::shortName).orElse(code);
    }

    public Map<String, City> citiesByCode() {
        return cities().stream().collect(Collectors.toMap(City::code, Function.identity()));
    }

    public List<District> districts() {
        if (districts == null) {
            districts = jdbc.sql("SELECT code, city_code, name FROM reg_district ORDER BY code").query(District.class).list();
        }
        return districts;
    }

    public List<District> districts(String cityCode) {
        return districts().stream().filter(d -> d.cityCode().equals(cityCode)).toList();
    }

    public List<Department> departments() {
        if (departments == null) {
            departments = jdbc.sql("""
                    SELECT d.code, d.city_code, d.kind, d.name FROM reg_department d JOIN reg_city c ON c.code = d.city_code
                    WHERE c.member ORDER BY d.city_code, d.kind""")
                    .query(Department.class).list();
        }
        return departments;
    }

    public List<Department> departments(String cityCode) {
        return departments().stream().filter(d -> d.cityCode().equals(cityCode)).toList();
    }

    public Optional<Department> findDepartment(String code) {
        return departments().stream().filter(d -> d.code().equals(code)).findFirst();
    }

    public Department department(String code) {
        return findDepartment(code).orElseThrow(() -> new NotFoundException("部门代码“" + code + "”不存在"));
    }

    /** The department of a kind in a city, e.g. ("430100", "XZSP"). */
    public Optional<Department> findDepartment(String cityCode, String kind) {
        return findDepartment(cityCode + "-" + kind);
    }
}
