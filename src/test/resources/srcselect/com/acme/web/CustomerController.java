package com.acme.web;

import com.acme.service.CustomerService;

public class CustomerController {
    private final CustomerService service = new CustomerService();

    public String delete(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Select at least one customer");
        }
        return service.removed(count);
    }
}
