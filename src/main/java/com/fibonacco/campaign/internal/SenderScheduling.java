package com.fibonacco.campaign.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the campaign sender's poll in every server process. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SenderScheduling {

}
