package com.acme.service;

import com.acme.db.Queries;

public class ReportService {
    private final Runner runner = sql -> { };

    public void monthly() {
        runner.run(Queries.MONTHLY_TOTALS + " LIMIT 12");
    }

    interface Runner {
        void run(String sql);
    }
}
