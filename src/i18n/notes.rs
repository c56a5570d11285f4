//! The preset stages' notes, English and 简体中文: for every stage its
//! purpose, its milestone (the verifiable exit event, 里程碑 / 升迁标准), the
//! evidence that proves it (证据) and the rep's actions (行动) — the four
//! layers of funnel-theory.md, worded after the seed articles where they
//! describe the stage (e.g. 确有其人、确有其事; 以客户、时效、合同额为基础).
//! Each note is one line: at most 80 characters in English.

use super::Lang;
use crate::domain::StageKey;

/// The notes of a preset stage, in the order purpose, milestone, evidence,
/// actions; `None` for a stage without notes (every stage has them today,
/// the won and lost stages included, so a trainer can show them too).
pub fn preset_notes(lang: Lang, key: StageKey) -> Option<[&'static str; 4]> {
    let (en, zh) = notes(key);
    Some(match lang {
        Lang::En => en,
        Lang::Zh => zh,
    })
}

type Notes = [&'static str; 4];

fn notes(key: StageKey) -> (Notes, Notes) {
    use StageKey::*;
    match key {
        // The B2B funnel (seed: 培养和识别 … 结束).
        Identify => (
            [
                "Contact prospects and qualify or nurture them into sound leads",
                "The prospect confirms a real need and agrees to a presentation",
                "A named contact, a stated problem and a booked meeting",
                "Call, e-mail and visit; check the lead is real; book the presentation",
            ],
            [
                "联系潜在客户，识别或培养其为合格线索",
                "客户确认确有需求，同意安排产品介绍",
                "确有其人、确有其事：联系人、问题和约定的会面",
                "电话、邮件、拜访；验证导引真伪；预约产品介绍",
            ],
        ),
        Presentation => (
            [
                "Show the prospect how the product solves their problem",
                "The customer asks to discuss their requirements in detail",
                "Presentation held; the customer names needs and decision-makers",
                "Demonstrate, tie features to the stated problem, agree next steps",
            ],
            [
                "使潜在客户了解产品如何解决他们的问题",
                "客户愿意深入讨论需求",
                "产品介绍已完成；客户说明需求和决策人",
                "演示产品，对应客户问题，约定下一步",
            ],
        ),
        NeedsProposal => (
            [
                "Discuss the needs with the prospect and deliver a solution",
                "The customer accepts the proposal and asks for a quote",
                "Written needs, the proposal sent, budget and timetable confirmed",
                "Map the needs, cover every key role, write and review the proposal",
            ],
            [
                "与潜在客户讨论需求并出具解决方案",
                "客户认可方案并要求报价",
                "书面需求、已提交方案，预算与时间表已确认",
                "梳理需求，覆盖关键角色，撰写并评审方案",
            ],
        ),
        QuoteContract => (
            [
                "Submit the quote or contract for the customer's review",
                "The customer signs the contract",
                "Quote or contract under review; terms and payment agreed",
                "Negotiate terms, clear legal and payment issues, close",
            ],
            [
                "提交报价或合同供客户审核",
                "客户签署合同",
                "报价或合同在审；条款与付款方式已谈妥",
                "谈判条款，解决法务与付款问题，促成签约",
            ],
        ),
        Won => (
            [
                "The customer has signed: the deal is won",
                "Contract signed and invoice issued",
                "The signed contract",
                "Record why you won, so success factors can be reported",
            ],
            [
                "客户已签署合同：赢单",
                "合同签署，开具发票",
                "已签署的合同",
                "总结赢单原因，便于汇总成功因素",
            ],
        ),
        Lost => (
            [
                "The prospect did not buy; the deal leaves the funnel",
                "The customer says no, or the deal outlives its sales cycle",
                "A refusal, a competitor's win, or no more contact",
                "Record why you lost, so failure factors can be reported",
            ],
            [
                "潜在客户最终没有合作，项目退出漏斗",
                "客户明确拒绝，或项目超出销售周期",
                "明确拒绝、竞争对手赢单或无法联系",
                "总结和记录失败原因，便于汇总失败因素",
            ],
        ),
        // Worked example 3's stages A–E (seed: 理想状态漏斗).
        A => (
            [
                "Verify the lead: a real buyer with a real need",
                "The customer confirms the project and who owns its budget",
                "Named account, contact and an estimated amount",
                "Qualify, research the account, make the first visit",
            ],
            [
                "验证导引：确有其人，确有其事",
                "客户确认项目及预算负责人",
                "明确的客户、联系人和预计金额",
                "甄别筛选，了解客户，首次拜访",
            ],
        ),
        B => (
            [
                "Confirm the needs and how the customer will buy",
                "Needs and decision process written down and agreed",
                "Meeting notes the customer has confirmed",
                "Analyse the needs, meet the decision-makers",
            ],
            [
                "确认需求和客户的采购流程",
                "需求与决策流程书面确认",
                "客户确认的会谈纪要",
                "需求分析，拜访决策者",
            ],
        ),
        C => (
            [
                "Propose a solution and a price",
                "The customer shortlists you",
                "Proposal reviewed; on the shortlist or invited to tender",
                "Write the proposal, demonstrate, answer objections",
            ],
            [
                "提供方案和报价",
                "客户将我方列入候选",
                "方案已评审；入围或收到招标邀请",
                "撰写方案，演示，化解异议",
            ],
        ),
        D => (
            [
                "Negotiate terms; a D deal can close this quarter",
                "Verbal award; the contract goes into approval",
                "Award letter or contract draft",
                "Negotiate price, payment and delivery; get the signature",
            ],
            [
                "商务谈判；D 阶段的机会本季度可以落单",
                "口头承诺，合同进入审批",
                "中标通知或合同草稿",
                "谈判价格、付款和交付，促成签约",
            ],
        ),
        E => (
            [
                "Closed: the deal counts toward the quota",
                "Contract signed and booked",
                "The signed contract and the order",
                "Hand over to delivery; ask for referrals",
            ],
            [
                "成交：计入配额",
                "合同签署并入账",
                "已签合同与订单",
                "移交交付，请求转介绍",
            ],
        ),
        // Worked examples 4–6 (seed: 小项目漏斗、产量分析).
        Intent => (
            [
                "The customer is interested and raises the questions they care about",
                "A visit is held and the customer asks for a solution",
                "Visit on record; the need, its urgency and the next contact date",
                "Ask why the need arose and how urgent it is; plan the next step",
            ],
            [
                "约访成功、有兴趣了解产品、提出关心问题的客户",
                "拜访完成，客户要求提供方案",
                "拜访记录；需求、急迫性和下次联系时间",
                "了解需求成因和急迫性，制定下一步计划",
            ],
        ),
        Solution => (
            [
                "Design and present the solution to the customer's need",
                "The customer says the solution fits and names a decision date",
                "Proposal accepted in writing; decision date set",
                "Present, handle comparisons, seek a verbal commitment",
            ],
            [
                "针对客户需求设计并提交解决方案",
                "客户明确方案适合，并给出决定时间",
                "方案获书面认可；确定做决定的时间",
                "讲解方案，应对比较，争取口头承诺",
            ],
        ),
        Negotiation => (
            [
                "Agree price and terms; the deal can still stop here",
                "Both sides agree the terms; the contract goes to signature",
                "Agreed price, payment terms, delivery date and legal clauses",
                "Resolve payment, delivery and legal gaps; protect the margin",
            ],
            [
                "商定价格与条款；合作仍可能在此中止",
                "双方就条款达成一致，合同进入签署",
                "价格、付款方式、交期和法律条款已谈妥",
                "化解付款、账期、交期和法务分歧，守住利润",
            ],
        ),
        Closed => (
            [
                "The sale is made: revenue realised in the period",
                "Order signed and invoiced",
                "The signed order and the invoice",
                "Deliver, collect payment, ask for the next order",
            ],
            [
                "销售实现：本期已实现收入",
                "订单签署并开具发票",
                "签署的订单和发票",
                "交付、回款，争取老用户继续购买",
            ],
        ),
        // Worked example 2 (seed: 陌生拜访 → 商机 → 订单).
        ColdVisit => (
            [
                "Visit unknown companies to find the one in ten that is interested",
                "The customer is interested: a business opportunity is created",
                "A contact who asks for more and agrees to meet again",
                "Plan the visit list, visit, record every call",
            ],
            [
                "拜访陌生客户，找出十个中感兴趣的那一个",
                "客户感兴趣，转化为一个商机",
                "联系人要求进一步了解并同意再次会面",
                "制定拜访名单，上门拜访，记录每次拜访",
            ],
        ),
        Opportunity => (
            [
                "Pursue a qualified opportunity: an account, a timetable, an amount",
                "The customer commits: negotiation or an order follows",
                "Named account, budget from the customer, close date, amount",
                "Build relationships, shape the buying criteria, refine the solution",
            ],
            [
                "跟进合格机会：以客户、时效、合同额为基础",
                "客户作出承诺，进入谈判或下单",
                "明确的客户、来自客户内部的预算、签约时间和金额",
                "建立客户关系，影响采购标准，优化解决方案",
            ],
        ),
        Order => (
            [
                "The customer orders: the deal is won",
                "Order confirmed and scheduled for delivery",
                "Purchase order or signed contract",
                "Track delivery dates and changes; invoice",
            ],
            [
                "客户下单：赢单",
                "订单确认，进入生产交付",
                "采购订单或已签合同",
                "跟踪交期与需求变动，开具发票",
            ],
        ),
        // The wide funnel (seed: 销售漏斗的层次).
        Sourced => (
            [
                "Collect potential customers from the web, press, ads and directories",
                "The record is checked and given a grade",
                "Company, contact and phone number on file",
                "Gather lists, remove duplicates, assign a fixed share to each rep",
            ],
            [
                "从网上、报刊、广告、黄页、数据库收集整理潜在客户",
                "资料核实完毕并分出级别",
                "有公司名称、联系人和电话",
                "收集整理名单，去重，按计量标准分配到人",
            ],
        ),
        Graded => (
            [
                "Verify the data, learn about the company and grade it",
                "A first phone call is made",
                "Grade, product to offer and sales target on file",
                "Research the company online; choose the product to recommend",
            ],
            [
                "核实资料，初步了解企业情况，分出级别",
                "已电话接触客户",
                "已设定级别、推荐产品和销售目标",
                "用搜索工具了解企业，设定推荐产品",
            ],
        ),
        Contacted => (
            [
                "Call, give a first product pitch, send product material",
                "The customer shows interest and does not say no",
                "Call logged, material sent, next call date agreed",
                "Know who answered; set the next call and its purpose",
            ],
            [
                "电话了解，初步推荐产品，寄发产品资料",
                "客户有兴趣，没有明确表示拒绝",
                "通话记录、资料已发出、约好下次电话时间",
                "弄清接线人身份，约定下次通话及其目的",
            ],
        ),
        Interested => (
            [
                "Follow up customers willing to learn more until they accept a visit",
                "A visit is booked",
                "The customer agreed a meeting date",
                "Call back, answer questions, book the visit",
            ],
            [
                "跟进愿意了解产品、有进一步接触可能的客户",
                "约访成功",
                "客户同意会面时间",
                "电话跟进，解答问题，预约拜访",
            ],
        ),
        Signed => (
            [
                "The customer signs a service contract and buys",
                "Contract paid, service delivered and accepted",
                "Signed contract and payment received",
                "Implement, get acceptance, look for renewals and referrals",
            ],
            [
                "签定服务合同，购买产品的客户",
                "支付合同款，实施验收",
                "已签合同及到账款项",
                "实施验收，争取续约与转介绍",
            ],
        ),
        Dropped => (
            [
                "Customers who left the funnel",
                "Refused, unreachable, unsuitable, or bought elsewhere",
                "The refusal or the reason on record",
                "Record the reason; return the record to the shared pool",
            ],
            [
                "退出漏斗的客户",
                "明确拒绝、无法联系、不适合或已购买其他企业产品",
                "记录在案的拒绝或原因",
                "记录原因，退回公海池",
            ],
        ),
        // The niche funnel.
        NeedsConfirmed => (
            [
                "Confirm a specialist need that the product fits",
                "Need, budget and decision-maker confirmed",
                "Written needs; the budget comes from the customer, not our guess",
                "Interview users and decision-makers; check the fit",
            ],
            [
                "确认客户有我方专长能满足的需求",
                "需求、预算和决策人已确认",
                "书面需求；预算来自客户内部，而非销售方臆测",
                "访谈使用者和决策者，判断匹配度",
            ],
        ),
        ProposalQuote => (
            [
                "Provide the solution and the quote",
                "The customer accepts the proposal and opens negotiation",
                "Proposal and quote reviewed by the decision-maker",
                "Tailor the proposal, show its value, answer objections",
            ],
            [
                "提供方案和报价",
                "客户认可方案，进入商务谈判",
                "决策者已审阅方案和报价",
                "定制方案，呈现价值，化解异议",
            ],
        ),
        Sold => (
            [
                "The deal is closed",
                "Contract signed",
                "The signed contract",
                "Deliver well; ask for referrals within the niche",
            ],
            [
                "成交",
                "合同签署",
                "已签署的合同",
                "做好交付，在细分市场中争取转介绍",
            ],
        ),
        // The straight tube (seed: 导引 → 潜在机会 → 机会 → 谈判 → 合同).
        Lead => (
            [
                "Catch the first signs of a project inside the customer",
                "The lead is verified: a real person, a real project",
                "A source you trust and a first check of the facts",
                "Work with the customer's own process to turn it into a project",
            ],
            [
                "捕捉项目在客户内部的早期信息",
                "导引通过验证：确有其人，确有其事",
                "可信的信息来源和初步核实",
                "配合客户内部流程，使之转化为潜在机会",
            ],
        ),
        Prospect => (
            [
                "Judge whether the project is real, not yet whether we can win",
                "Account, timetable and amount confirmed: an opportunity",
                "The customer's budget and approval process are under way",
                "Take part in the customer's budget and financing process",
            ],
            [
                "判断项目真伪，而非过早判断能否获胜",
                "确认客户、时效和合同额，成为机会",
                "客户的预算和审批流程已启动",
                "直接参与客户的预算过程和融资过程",
            ],
        ),
        Contract => (
            [
                "The contract is signed: the year's deal is won",
                "Contract signed; the order and the invoice follow",
                "The signed contract",
                "Manage the order: changes, delivery, payment",
            ],
            [
                "合同签署：赢得全年的大单",
                "合同签署，随后是订单和发票",
                "已签署的合同",
                "管理订单：变更、交付、回款",
            ],
        ),
        // Worked example 6's other stages (seed: 产量分析).
        TargetCustomer => (
            [
                "Customers in the target market, not yet approached",
                "A first contact shows a possible need",
                "On the target list, with a contact person",
                "Research, contact, qualify",
            ],
            [
                "目标市场中尚未接触的客户",
                "初步接触，发现可能的需求",
                "在目标名单中，有联系人",
                "调研、接触、筛选",
            ],
        ),
        Potential => (
            [
                "A verified prospect who may need what we sell",
                "The customer shows intent and agrees to meet",
                "Contact confirmed and a need stated",
                "Call, visit, learn the need; track the close ratio",
            ],
            [
                "经初步验证、可能有需求的客户",
                "客户表现出意向，同意约见",
                "确认联系人，需求已提出",
                "电话、拜访，了解需求；统计成交率",
            ],
        ),
        ProjectApproved => (
            [
                "The customer has approved the project and its budget",
                "The customer invites a solution",
                "Approval document, budget figure and timetable",
                "Find the decision-maker, users, gatekeeper and coach",
            ],
            [
                "客户已立项，预算已批准",
                "客户邀请提供方案",
                "立项文件、预算金额和时间表",
                "识别决策者、使用者、把关者和内线",
            ],
        ),
    }
}
