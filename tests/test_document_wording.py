"""How the documents word what the ledger holds, on cases worked out by hand: the campaign's
name in titles, units counted once in the 通报's breakdown, what comes next when the 报送期
ends, task names in the 催报通知, lists that name all or say how many more."""

from datetime import date

import pytest

from models.plan_names import campaign_name, campaign_work

DEMO_TITLES = {
    "杭州市2020年重点领域失信专项治理实施方案": "重点领域失信专项治理",
    "兰州市重点失信领域专项治理实施方案": "重点失信领域专项治理",
    "关于开展诚信缺失突出问题专项治理行动的实施方案": "诚信缺失突出问题专项治理行动",
    "市推进社会信用体系建设有关重点工作任务分解表": "社会信用体系建设有关重点工作",
    "营口市开展诚信缺失突出问题专项治理行动的工作实施方案": "诚信缺失突出问题专项治理行动",
}
OTHER_TITLES = {
    "关于印发《兰州市重点失信领域专项治理实施方案》的通知": "重点失信领域专项治理",
    "2021年社会信用体系建设工作要点": "社会信用体系建设",
    "关于进一步加强社会信用体系建设的实施意见": "社会信用体系建设",
    "辽宁省加强政务诚信建设实施方案": "政务诚信建设",
    "北京市城市环境秩序百日整治行动方案": "城市环境秩序百日整治行动",
    "平顶山市全面推行河长制主要任务分解方案": "全面推行河长制",
    "浙江省杭州市2020—2022年信用建设三年行动计划": "信用建设三年行动",
    "关于在全市开展拖欠农民工工资专项整治的通知": "拖欠农民工工资专项整治",
    "全国文明城市创建工作方案": "全国文明城市创建",  # 城市 is not a place
    "市场监管领域失信问题专项治理工作方案": "市场监管领域失信问题专项治理",  # nor is 市场
    "方案": "方案",  # nothing left to shorten: the title itself
}


@pytest.mark.parametrize("title, name", [*DEMO_TITLES.items(), *OTHER_TITLES.items()])
def test_a_campaign_is_named_without_kind_place_year_or_leading_verb(title, name):
    assert campaign_name(title) == name


def test_the_campaign_as_work_never_says_work_twice():
    assert campaign_work("社会信用体系建设有关重点工作") == "社会信用体系建设有关重点工作"
    assert campaign_work("重点领域失信专项治理") == "重点领域失信专项治理工作"
