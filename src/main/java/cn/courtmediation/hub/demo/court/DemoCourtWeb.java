package cn.courtmediation.hub.demo.court;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The demo trial system's inbox holds what courts received: served only to an operator, with the administrator token, as /admin/** is. */
@Configuration
class DemoCourtWeb implements WebMvcConfigurer {
    private final HandlerInterceptor adminToken;

    DemoCourtWeb(@Qualifier("adminToken") HandlerInterceptor adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(adminToken).addPathPatterns("/demo-court/inbox");
    }
}
