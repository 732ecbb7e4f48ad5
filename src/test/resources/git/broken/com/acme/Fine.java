package com.acme;

class Fine {
    static final String SQL = "delete from audit_log where created_at < ?";
}
