package com.fibonacco;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Fibonacco: the CRM and marketing-automation server for courting local businesses.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Fibonacco", sharedModules = "shared")
public class FibonaccoApplication {

	public static void main(String[] args) {
		SpringApplication.run(FibonaccoApplication.class, args);
	}

}
