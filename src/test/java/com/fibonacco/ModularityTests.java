package com.fibonacco;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(FibonaccoApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void everyBusinessCapabilityIsAModule() {
		assertThat(modules.stream().map(module -> module.getIdentifier().toString())).contains("identity", "community",
				"smb", "engagement", "campaign", "messaging", "content", "approval", "inbound", "ai", "platform",
				"demo", "activity");
	}

	@Test
	void writesTheModuleDiagrams() {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules")).writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
	}

}
