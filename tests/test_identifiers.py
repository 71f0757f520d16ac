"""Check characters of 统一社会信用代码 and 身份证号码, and masking (DESIGN.md §6)."""

from models.identifiers import (
    id_check_char,
    id_number_problem,
    mask_id_number,
    normalise_code,
    uscc_check_char,
    uscc_problem,
)


def test_uscc_check_character_of_the_design_example():
    assert uscc_check_char("91330282L07196379") == "D"
    assert uscc_problem("91330282L07196379D") is None


def test_wrong_uscc_check_character_asks_for_a_check_of_every_character():
    message = uscc_problem("91330282L07196379A")
    assert "逐位核对" in message and "D" not in message  # the passing character is not told


def test_uscc_rejects_letters_outside_the_charset_and_wrong_length():
    assert "I" in uscc_problem("91330282I07196379D")
    assert "18位" in uscc_problem("9133028")


def test_id_number_check_character_of_the_design_example():
    assert id_check_char("11010519491231002") == "X"
    assert id_number_problem("11010519491231002X") is None


def test_wrong_id_check_character_and_impossible_birth_date():
    assert "逐位核对" in id_number_problem("110105194912310021")
    assert "出生日期" in id_number_problem("110105194913310021")


def test_masking_keeps_first_three_and_last_four():
    assert mask_id_number("11010519491231002X") == "110***********002X"
    assert mask_id_number("91330282L07196379D") == "91330282L07196379D"


def test_full_width_and_spaces_are_normalised():
    assert normalise_code("９１３３０２８２Ｌ０７１９６３７９Ｄ ") == "91330282L07196379D"
