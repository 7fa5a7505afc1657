package cn.onecity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * OneCity (一座城): a modular monolith; every top-level package below this one is a business module.
 * {@code shared} is the small shared kernel (exceptions, paging, files, clock) that every module may use.
 */
@SpringBootApplication
@EnableScheduling
@Modulithic(sharedModules = "shared")
public class OneCityApplication {
    public static void main(String[] args) {
        SpringApplication.run(OneCityApplication.class, args);
    }
}
