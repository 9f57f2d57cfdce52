package cn.cq.fundledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FundLedgerApplication {

    public static void main(String[] args) {
        SpringApplication.run(FundLedgerApplication.class, args);
    }
}
