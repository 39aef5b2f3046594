package cn.courtmediation.hub.api;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Guards /admin/** with the administrator token and publishes the contract files of schemas/ (JSON Schemas, XSD, WSDL, examples) under /schemas/ for participant developers. */
@Configuration
class WebConfig implements WebMvcConfigurer {
    private final HandlerInterceptor adminToken;

    WebConfig(@Qualifier("adminToken") HandlerInterceptor adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(adminToken).addPathPatterns("/admin/**");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/schemas/**").addResourceLocations("classpath:/schemas/");
    }
}
