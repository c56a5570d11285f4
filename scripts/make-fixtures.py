#!/usr/bin/env python3
"""Writes the CSV import fixtures in tests/fixtures/ (python3, stdlib only).

Each small fixture is written byte for byte as a real file of its kind would
be (encoding, BOM, line ends); their figures are worked out by hand in
tests/fixtures/README.md. deals-10000.csv is deterministic (a fixed linear
congruential generator), for the native and in-browser benchmarks; its
weighted forecast is computed here with exact fractions and printed.

Run from the repository root: python3 scripts/make-fixtures.py
(hand-fixture.csv belongs to another test and is not written here.)
"""

from datetime import date, timedelta
from fractions import Fraction
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures")


def write(name, text, encoding="utf-8", bom=False, crlf=False):
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


GB18030 = """商机名称,客户名称,金额（元）,销售阶段,状态,预计成交日期,赢率,创建日期
华东区ERP升级,上海星辰科技有限公司,"120,000",C,进行中,2027/1/15,,2026/10/8
北京数据平台,北京云海信息技术有限公司,30万,D,,2027/2/28,,2026/11/1
深圳门店系统,深圳前海零售集团,"45,000",A,进行中,2027/3/31,35%,2026/12/5
广州物流调度,广州顺达物流有限公司,"200,000",E,赢单,2027/2/10,,2026/9/1
杭州客服外包,杭州云客服有限公司,"80,000",B,输单,2027/1/20,,2026/10/20
成都医院HIS,成都仁和医院,"150,000",B,进行中,2027/4/15,,2026/12/1
武汉校园网,武汉光谷大学,8万元,C,进行中,2027/3/1,,2027/1/5
南京政务云,南京市大数据局,"60,000",A,,,,2027/1/10
"""

BOM_CRLF = '''Name,Account,Amount,Stage,Status,Close date,In stage since,Probability,Created
"Fleet renewal ""Phase 2""",Acme Corp,"21,000",B,Open,2027-02-15,2027-01-05,,2026-11-20
"Warehouse scanners
(two sites)",Globex,$58.8k,D,Open,2027-03-20,2027-02-01,,2026-12-01
Support contract,Initech,"1,020,000.00",E,Won,2027-01-31,2027-01-31,,2026-08-15
Pilot,"Umbrella, Inc.",9500,A,Open,2027-03-31 16:30,,12.5,2027-01-10
Lost tender,Hooli,40000,C,Lost,2027-02-01,,,2026-10-01
Late deal,Stark,70000,C,Open,2027-05-15,,,2027-01-20
'''

REPORT = '''"Opportunity Pipeline - Q1 2027"
"Acme Sales Inc."
"As of 1/2/2027 9:14 AM"

Opportunity Name,Account Name,Amount,Stage,Close Date,Probability (%),Created Date
Cloud migration,Wayne Enterprises,"$150,000.00",C,1/15/2027,50,11/2/2026
Data warehouse,Stark Industries,"$80,000.00",D,2/28/2027,80,12/1/2026
CRM rollout,Oscorp,"$45,000.00",Closed Won,3/10/2027,100,10/5/2026
Security audit,LexCorp,"$30,000.00",B,3/31/2027,25,1/4/2027
Office refit,Daily Planet,"$60,000.00",Closed Lost,2/2/2027,0,11/20/2026

Grand Totals (5 records),,"$365,000.00",,,,
Confidential - Internal Use Only
"Copyright © 2027 Acme Sales Inc. All rights reserved."
'''

HUBSPOT = """Deal Name,Deal Stage,Amount,Close Date,Deal probability,Create Date,Associated Company
Annual licence,B,12000,2027-01-20 10:00,0.35,2026-11-03 09:12,Northwind
Expansion seats,C,8000,2027-02-14,0.5,2026-12-10,Contoso
Onboarding package,closedwon,5000,2027-01-05,1,2026-10-01,Fabrikam
Renewal,D,25000,2027-03-30T23:59:59Z,0.9,2026-12-20,Tailspin
Consulting,closedlost,15000,2027-02-01,0,2026-11-11,Litware
Starter plan,A,3000,2027-03-15,0,2027-01-12,Adventure Works
Enterprise tier,Closed Lost,40000,2027-03-01,0,2026-09-30,Woodgrove
"""

SERIAL = """Name,Amount,Stage,Status,Close date,Created
Alpha,10000,A,Open,46402,46300
Bravo,20000,B,Open,46447.5,46310
Charlie,30000,C,Won,46430,46200
Delta,40000,D,Open,46477,46350
Echo,50000,D,Open,46478,46360
Foxtrot,5000,B,Lost,46420,46100
"""

DMY = """Name;Account;Amount;Stage;Status;Close date;Probability
Maschinenbau;Müller GmbH;1.355,90;B;Open;15-01-27;
Lager;Schmidt AG;3.000;C;Open;28-02-27;
Wartung;Weber KG;12.500,00;D;Won;05-03-27;
Schulung;Fischer;2.400,50;A;Open;31-03-27;12,5
Beratung;Becker;7.000;B;Open;01-04-27;
Altprojekt;Wagner;999,99;C;Lost;10-01-27;
"""

PIVOT = """Sum of Amount,Column Labels,,,
Row Labels,Open,Won,Lost,Grand Total
A,30000,,,30000
B,21000,,80000,101000
C,150000,,,150000
D,80000,,,80000
E,,45000,,45000
Grand Total,281000,45000,80000,406000
"""

BAD = """Name,Amount,Stage,Status,Close date,Probability
Good one,10000,A,Open,2027-01-10,
Bad amount,abc,B,Open,2027-01-11,
Negative,-500,B,Open,2027-01-12,
Bad date,5000,C,Open,2027-02-30,
Unknown stage,7000,Discovery,Open,2027-02-01,
No amount open,,C,Open,2027-02-02,
Won no amount,,E,Won,2027-02-03,
Bad prob,8000,D,Open,2027-02-04,150
Year out,9000,D,Open,2250-01-01,
No stage,9500,,Open,2027-03-01,
Two problems,xyz,Nowhere,Open,not a date,
Good two,4000,D,Open,,
"""


class Lcg:
    """Numerical Recipes' 32-bit LCG: the same file on every machine."""

    def __init__(self, seed):
        self.s = seed

    def next(self, n):
        self.s = (1664525 * self.s + 1013904223) % 2**32
        return (self.s >> 8) % n


RATES = {"A": Fraction(20, 100), "B": Fraction(40, 100), "C": Fraction(50, 100),
         "D": Fraction(80, 100), "E": Fraction(1)}
WORDS = ["Cloud", "Data", "Fleet", "Support", "Security", "Analytics", "Retail",
         "Logistics", "Billing", "Payroll", "CRM", "ERP", "Network", "Storage"]
KINDS = ["migration", "renewal", "rollout", "upgrade", "pilot", "expansion",
         "audit", "licence", "integration", "training"]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne",
             "Wonka", "Soylent", "Tyrell", "Cyberdyne", "Oscorp", "Vandelay"]
SUFFIX = ["Corp", "Inc.", "Ltd", "GmbH", "Group", "LLC"]


def deals_10000():
    rng = Lcg(20270101)
    start, end = date(2026, 10, 1), date(2027, 6, 30)
    span = (end - start).days + 1
    p_start, p_end = date(2027, 1, 1), date(2027, 3, 31)
    lines = ["Name,Account,Amount,Stage,Status,Close date,In stage since,Probability,Created"]
    forecast = Fraction(0)
    for i in range(10000):
        roll = rng.next(100)
        status = "Open" if roll < 70 else "Won" if roll < 90 else "Lost"
        stage = "E" if status == "Won" else "ABCD"[rng.next(4)]
        amount = 500 * (10 + rng.next(991))  # 5,000 .. 500,000
        close = start + timedelta(days=rng.next(span))
        created = close - timedelta(days=30 + rng.next(150))
        in_stage = created + timedelta(days=rng.next((close - created).days + 1))
        prob = ""
        if status == "Open" and rng.next(10) == 0:
            prob = str(5 * (1 + rng.next(19)))
        name = f"{WORDS[rng.next(len(WORDS))]} {KINDS[rng.next(len(KINDS))]} #{i + 1}"
        account = f"{COMPANIES[rng.next(len(COMPANIES))]} {SUFFIX[rng.next(len(SUFFIX))]}"
        shown = f'"{amount:,}"' if rng.next(2) else str(amount)
        lines.append(f"{name},{account},{shown},{stage},{status},{close},{in_stage},{prob},{created}")
        if p_start <= close <= p_end:
            if status == "Won":
                forecast += amount
            elif status == "Open":
                forecast += amount * (Fraction(int(prob), 100) if prob else RATES[stage])
    write("deals-10000.csv", "\n".join(lines) + "\n")
    return forecast


def main():
    os.makedirs(OUT, exist_ok=True)
    write("gb18030-chinese.csv", GB18030, encoding="gb18030", crlf=True)
    write("utf8-bom-crlf.csv", BOM_CRLF, bom=True, crlf=True)
    write("report-title-footer.csv", REPORT, crlf=True)
    write("hubspot-fractions.csv", HUBSPOT)
    write("excel-serial.csv", SERIAL)
    write("dd-mm-yy.csv", DMY, crlf=True)
    write("pivot.csv", PIVOT, crlf=True)
    write("bad-rows.csv", BAD)
    f = deals_10000()
    print(f"deals-10000.csv weighted forecast 2027-01-01..2027-03-31: {f} = {float(f):,.2f}")


if __name__ == "__main__":
    main()
