package cn.cq.fundledger.system.web;

import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form of the pages ({@code POST /login} itself is Spring Security's form login). */
@Page
public class LoginPage {

    @GetMapping("/login")
    public String login() {
        return "login";
    }
}
