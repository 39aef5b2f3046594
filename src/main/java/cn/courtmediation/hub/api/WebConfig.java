package cn.courtmediation.hub.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Publishes the contract files of schemas/ (JSON Schemas, XSD, WSDL, examples) under /schemas/ for participant developers. */
@Configuration
class WebConfig implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/schemas/**").addResourceLocations("classpath:/schemas/");
    }
}
