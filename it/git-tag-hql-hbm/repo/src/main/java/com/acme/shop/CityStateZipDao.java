package com.acme.shop;

import java.util.List;

public class CityStateZipDao {

    interface Session {
        List<?> list(String hql, Object... params);
    }

    private final Session session;

    CityStateZipDao(Session session) {
        this.session = session;
    }

    /** HQL: entity CityStateZip and attribute zipCode, mapped in CityStateZip.hbm.xml. */
    List<?> cities(String zip) {
        return session.list("select distinct csz.city from CityStateZip csz where csz.zipCode = :zip", zip);
    }

    List<?> zipCodes(String city) {
        return session.list("select distinct csz.zipCode, csz.state from CityStateZip csz where upper(csz.city) = :city"
                + " order by csz.zipCode", city);
    }
}
