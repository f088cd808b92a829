// Every kind of mistake in a scenario file gives one line, FILE:LINE:COL: message, pointing at the
// mistake (inside op strings and expressions too) and saying what was expected.
#include "tests/scenarios/scenario_test_util.h"

#include "scenarios/scenario_file.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

struct BadFile {
    const char* name;
    const char* text;
    const char* where;  // the exact "bad.toml:LINE:COL: " prefix
    const char* phrase; // what the message must say
};

// Each text starts with the [scenario] table of test::header (lines 1-3) unless the mistake is in it.
const BadFile badFiles[] = {
    {"toml_syntax", "[scenario]\nname = \"t\"\ndescription = \"d\"\nx = \"open\n",
     "bad.toml:4:10: ", "TOML: Error while parsing string: unescaped control characters other than TAB"},
    {"toml_duplicate_key", "[scenario]\nname = \"t\"\ndescription = \"d\"\nname = \"again\"\n",
     "bad.toml:4:8: ", "TOML: Error while parsing key-value pair: cannot redefine existing string 'name'"},
    {"unknown_top_level_key_hint", "gomaxprocs = 2\n[scenario]\nname = \"t\"\ndescription = \"d\"\n",
     "bad.toml:1:1: ", "unknown key \"gomaxprocs\" in the top level (gomaxprocs belongs in [settings])"},
    {"missing_scenario", "globals = 1\n", "bad.toml:1:1: ", "missing the [scenario] table"},
    {"scenario_not_a_table", "scenario = 5\n",
     "bad.toml:1:12: ", "scenario: expected a table, got an integer"},
    {"missing_description", "[scenario]\nname = \"t\"\n",
     "bad.toml:1:1: ", "[scenario] is missing the key description"},
    {"bad_scenario_name", "[scenario]\nname = \"Steady State\"\ndescription = \"d\"\n", "bad.toml:2:8: ",
     "[scenario] name: expected lowercase letters, digits and dashes, like steady-state, got \"Steady "
     "State\""},
    {"description_two_lines", "[scenario]\nname = \"t\"\ndescription = \"\"\"first\nsecond\"\"\"\n",
     "bad.toml:3:23: ", "[scenario] description: expected one line of text, got a line break"},
    {"gomaxprocs_zero", "[scenario]\nname = \"t\"\ndescription = \"d\"\n[settings]\ngomaxprocs = 0\n",
     "bad.toml:5:14: ", "[settings] gomaxprocs: expected an integer from 1 to 256, got 0"},
    {"gogc_word", "[scenario]\nname = \"t\"\ndescription = \"d\"\n[settings]\ngogc = \"sometimes\"\n",
     "bad.toml:5:8: ", "[settings] gogc: expected an integer percentage or \"off\", got \"sometimes\""},
    {"gogc_float", "[scenario]\nname = \"t\"\ndescription = \"d\"\n[settings]\ngogc = 1.5\n",
     "bad.toml:5:8: ", "[settings] gogc: expected an integer percentage or \"off\", got a float"},
    {"barrier_typo", "[scenario]\nname = \"t\"\ndescription = \"d\"\n[settings]\nbarrier = \"dijsktra\"\n",
     "bad.toml:5:11: ",
     "[settings] barrier: expected hybrid, hybrid-conceptual, dijkstra, yuasa or off, got \"dijsktra\""},
    {"seed_negative", "[scenario]\nname = \"t\"\ndescription = \"d\"\n[settings]\nseed = -1\n",
     "bad.toml:5:8: ", "[settings] seed: expected an integer from 0 to 9223372036854775807, got -1"},
    {"globals_in_settings", "[scenario]\nname = \"t\"\ndescription = \"d\"\n[settings]\nglobals = 2\n",
     "bad.toml:5:1: ", "unknown key \"globals\" in [settings] (globals is a top-level key"},
    {"globals_too_many", "globals = 70000\n[scenario]\nname = \"t\"\ndescription = \"d\"\n",
     "bad.toml:1:11: ", "globals: expected an integer from 0 to 65536, got 70000"},
    {"param_kind",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[params]]\nname = \"n\"\nkind = \"float\"\ndefault = "
     "1\nmin = 0\nmax = 2\nhelp = \"h\"\n",
     "bad.toml:6:8: ", "[[params]] kind: expected integer or bytes, got \"float\""},
    {"param_default_out_of_range",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[params]]\nname = \"n\"\ndefault = 50\nmin = 1\nmax = "
     "10\nhelp = \"h\"\n",
     "bad.toml:6:11: ", "[[params]] default: 50 is outside [min, max] = [1, 10]"},
    {"param_max_below_min",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[params]]\nname = \"n\"\ndefault = 5\nmin = 10\nmax = "
     "1\nhelp = \"h\"\n",
     "bad.toml:8:7: ", "[[params]] max: 1 is less than min 10"},
    {"param_bytes_suffix",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[params]]\nname = \"b\"\nkind = \"bytes\"\ndefault = "
     "\"8MB\"\nmin = 0\nmax = \"1GiB\"\nhelp = \"h\"\n",
     "bad.toml:7:11: ", "[[params]] default: expected a byte size like \"8MiB\""},
    {"param_integer_given_string",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[params]]\nname = \"n\"\ndefault = \"5\"\nmin = 0\nmax "
     "= 9\nhelp = \"h\"\n",
     "bad.toml:6:11: ",
     "[[params]] default: expected an integer from 0 to 4611686018427387904, got a string"},
    {"param_duplicate",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[params]]\nname = \"n\"\ndefault = 1\nmin = 0\nmax = "
     "9\nhelp = \"h\"\n[[params]]\nname = \"n\"\ndefault = 1\nmin = 0\nmax = 9\nhelp = \"h\"\n",
     "bad.toml:11:8: ", "parameter n is declared twice (first at 5:8)"},
    {"param_missing_help",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[params]]\nname = \"n\"\ndefault = 1\nmin = 0\nmax = "
     "9\n",
     "bad.toml:4:1: ", "[[params]] is missing the key help"},
    {"param_bad_name",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[params]]\nname = \"live-bytes\"\ndefault = 1\nmin = "
     "0\nmax = 9\nhelp = \"h\"\n",
     "bad.toml:5:8: ", "[[params]] name: expected an identifier"},
    {"type_missing_size", "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\n",
     "bad.toml:4:1: ", "[[types]] is missing the key size"},
    {"type_bad_name",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"[]byte\"\nsize = 24\n",
     "bad.toml:5:8: ", "[[types]] name: expected a Go-style type name"},
    {"type_tinyblock",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"tinyblock\"\nsize = 16\n",
     "bad.toml:5:8: ", "[[types]] name: tinyblock is the runtime's own type for tiny-allocator blocks"},
    {"type_duplicate",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 16\npointers = [0, "
     "1]\n[[types]]\nname = \"Node\"\nsize = 16\npointers = [0, 1]\n",
     "bad.toml:9:8: ", "type Node is declared twice (first at 5:8)"},
    {"type_pointer_outside",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 16\npointers = [0, "
     "2]\n[[programs]]\nname = \"main\"\nops = [\"frame 1\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:7:16: ", "pointer word 2"},
    {"type_pointer_twice",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 16\npointers = [1, "
     "0, 1]\n",
     "bad.toml:7:19: ", "[[types]] pointers: word 1 is listed twice (first at 7:13)"},
    {"type_pointers_and_leading",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 16\npointers = "
     "[0]\nleading_pointers = 1\n",
     "bad.toml:8:20: ", "[[types]]: give either pointers"},
    {"type_size_not_aligned",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 12\npointers = "
     "[0]\n[[programs]]\nname = \"main\"\nops = [\"frame 1\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:8: ",
     "size of type Node: a type with pointers is 8-byte aligned, so its size must be a multiple of 8, got "
     "12"},
    {"type_size_zero",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Empty\"\nsize = "
     "0\n[[programs]]\nname = \"main\"\nops = [\"frame 1\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:8: ", "size of type Empty is 0B"},
    {"type_size_float",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 16.0\n",
     "bad.toml:6:8: ", "size of type Node: expected an integer or a string holding a count expression"},
    {"type_leading_too_many",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 16\nleading_pointers "
     "= 3\n[[programs]]\nname = \"main\"\nops = [\"frame 1\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:7:20: ",
     "leading_pointers of type Node: 3 pointer words need 24 bytes, but the type is 16 bytes"},
    {"types_as_table", "[scenario]\nname = \"t\"\ndescription = \"d\"\n[types]\nname = \"Node\"\n",
     "bad.toml:4:1: ", "types: expected [[types]] tables, got a table"},
    {"missing_programs", "[scenario]\nname = \"t\"\ndescription = \"d\"\n",
     "bad.toml:1:1: ", "missing [[programs]]: a scenario needs at least one program"},
    {"program_no_ops",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = []\n",
     "bad.toml:6:7: ", "[[programs]] ops: a program needs at least one op"},
    {"program_ops_string",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = \"frame 1\"\n",
     "bad.toml:6:7: ",
     "[[programs]] ops: expected an array of op strings like [\"frame 1\", \"new 0 Node\"], got a string"},
    {"program_duplicate",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = "
     "[\"gc\"]\n[[programs]]\nname = \"main\"\nops = [\"gc\"]\n",
     "bad.toml:8:8: ", "program main is declared twice (first at 5:8)"},
    {"op_unknown",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"stor 0.0 = 0\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:20: ", "unknown op \"stor\" (did you mean store?)"},
    {"op_empty",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", \"  "
     "\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:20: ", "empty op"},
    {"op_not_string",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "7]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:19: ", "[[programs]] ops: expected a string, got an integer"},
    {"op_unknown_type",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 16\npointers = [0, "
     "1]\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", \"new 0 Nod\"]\n[[goroutines]]\nprogram = "
     "\"main\"\n",
     "bad.toml:10:26: ", "unknown type \"Nod\" (did you mean Node?)"},
    {"op_unknown_program",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", \"go "
     "helpr\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:23: ", "unknown program \"helpr\""},
    {"op_store_missing_equals",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 16\npointers = [0, "
     "1]\n[[programs]]\nname = \"main\"\nops = [\"frame 2\", \"new 0 Node\", \"store 0.1 "
     "1\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:10:44: ", "expected \"=\" after the field, got \"1\""},
    {"op_store_bad_source",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 16\npointers = [0, "
     "1]\n[[programs]]\nname = \"main\"\nops = [\"frame 2\", \"new 0 Node\", \"store 0.1 = "
     "x\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:10:46: ", "expected a local"},
    {"op_load_missing_field",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 16\npointers = [0, "
     "1]\n[[programs]]\nname = \"main\"\nops = [\"frame 2\", \"new 0 Node\", \"load 1 = "
     "0\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:10:44: ", "expected \".\" after the object local, got the end of the op"},
    {"op_global_out_of_range",
     "globals = 2\n[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = "
     "[\"frame 1\", \"gload 0 = 2\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:7:30: ", "global 2 does not exist: globals = 2 declares globals 0 to 1"},
    {"op_no_globals",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"gstore 0 = nil\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:27: ", "global 0 does not exist: this file declares no globals"},
    {"op_local_too_large",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"clear 70000\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:26: ", "local 70000 is too large"},
    {"op_trailing_text",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"clear 0 0\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:28: ", "unexpected \"0\" after the op"},
    {"op_two_ops_in_one_string",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"clear 0 clear 0\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:28: ", "unexpected \"clear\" after the op (each op is a string of its own)"},
    {"op_escape_column",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"clear\\t9\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:27: ", "local 9 is beyond the frame: the stack holds 1 slot here"},
    {"op_literal_string_column",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = ['frame 1', 'move "
     "0 = 5']\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:29: ", "local 5 is beyond the frame: the stack holds 1 slot here"},
    {"local_beyond_frame",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 2\", "
     "\"move 0 = 2\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:29: ", "local 2 is beyond the frame: the stack holds 2 slots here"},
    {"local_without_frame",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"clear "
     "0\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:15: ", "local 0 is beyond the frame: the stack holds 0 slots here"},
    {"ret_too_many",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 2\", "
     "\"ret 3\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:24: ", "ret 3 pops more slots than the stack holds here"},
    {"end_without_loop",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"end\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:20: ", "end without a matching loop"},
    {"loop_without_end",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"loop 2\", \"loop 3\", \"end\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:20: ", "loop without a matching end"},
    {"field_beyond_type",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 16\npointers = [0, "
     "1]\n[[programs]]\nname = \"main\"\nops = [\"frame 2\", \"new 0 Node\", \"new 1 Node\", \"store 0.2 = "
     "1\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:10:56: ", "field 2 does not exist: Node has 2 pointer fields"},
    {"field_of_array",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"*Node\"\nsize = 8\npointers = "
     "[0]\n[[programs]]\nname = \"main\"\nops = [\"frame 2\", \"newarray 0 *Node 4\", \"load 1 = "
     "0.4\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:10:53: ", "field 4 does not exist: [4]*Node has 4 pointer fields"},
    {"store_random_noscan",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Leaf\"\nsize = "
     "16\n[[programs]]\nname = \"main\"\nops = [\"frame 2\", \"new 0 Leaf\", \"store-random 0 = "
     "nil\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:9:47: ", "store-random needs an object with pointer fields, but Leaf has none"},
    {"nil_dereference",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 16\npointers = [0, "
     "1]\n[[programs]]\nname = \"main\"\nops = [\"frame 2\", \"load 1 = 0.0\"]\n[[goroutines]]\nprogram = "
     "\"main\"\n",
     "bad.toml:10:29: ", "local 0 is nil here, so load would dereference nil"},
    {"nil_after_clear",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 16\npointers = [0, "
     "1]\n[[programs]]\nname = \"main\"\nops = [\"frame 2\", \"new 0 Node\", \"clear 0\", \"store-random 0 = "
     "1\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:10:58: ", "local 0 is nil here, so store-random would dereference nil"},
    {"expr_unknown_param",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[params]]\nname = \"iterations\"\ndefault = 1\nmin = "
     "0\nmax = 9\nhelp = \"h\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", \"loop "
     "itrations\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:12:25: ", "unknown parameter \"itrations\" (did you mean iterations?)"},
    {"expr_no_params",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"loop n\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:25: ", "unknown parameter \"n\": this file declares no [[params]]"},
    {"expr_dangling_operator",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"loop 4 +\", \"end\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:28: ", "expected an integer or a parameter name after \"+\""},
    {"expr_missing_operator",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"loop 4 4\", \"end\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:27: ", "expected an operator"},
    {"expr_bad_character",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"loop (4)\", \"end\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:25: ", "unexpected \"(\" in loop count"},
    {"expr_unary_minus",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"loop -4\", \"end\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:25: ", "expected an integer or a parameter name, got \"-\""},
    {"expr_bad_suffix",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"loop 8MB\", \"end\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:26: ", "unknown size suffix \"MB\""},
    {"expr_division_by_zero",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"loop 10 / 0\", \"end\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:28: ", "division by zero in loop count \"10 / 0\""},
    {"expr_division_by_zero_param",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[params]]\nname = \"n\"\ndefault = 0\nmin = 0\nmax = "
     "9\nhelp = \"h\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", \"loop 10 / n\", "
     "\"end\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:12:28: ", "division by zero in loop count \"10 / n\" (with n=0)"},
    {"expr_negative_count",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[params]]\nname = \"n\"\ndefault = 5\nmin = 0\nmax = "
     "9\nhelp = \"h\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", \"loop n - 10\", "
     "\"end\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:12:25: ", "loop count \"n - 10\" is -5 (with n=5); expected 0 to 1099511627776"},
    {"expr_overflow",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", "
     "\"loop 4GiB * 4GiB * 4GiB\", \"end\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:30: ", "\"*\" overflows 64-bit integers in loop count \"4GiB * 4GiB * 4GiB\""},
    {"newarray_zero",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 16\npointers = [0, "
     "1]\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", \"newarray 0 Node 0\"]\n[[goroutines]]\nprogram "
     "= \"main\"\n",
     "bad.toml:10:36: ", "newarray length is 0"},
    {"newarray_too_big",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = 16\npointers = [0, "
     "1]\n[[programs]]\nname = \"main\"\nops = [\"frame 1\", \"newarray 0 Node "
     "1GiB\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:10:36: ", "newarray of 1073741824 Node"},
    {"frame_too_big",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"frame "
     "100000\"]\n[[goroutines]]\nprogram = \"main\"\n",
     "bad.toml:6:15: ", "frame size is 100000"},
    {"missing_goroutines",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = [\"gc\"]\n",
     "bad.toml:4:1: ", "missing [[goroutines]]: nothing would run"},
    {"goroutines_unknown_program",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = "
     "[\"gc\"]\n[[goroutines]]\nprogram = \"mian\"\n",
     "bad.toml:8:11: ", "[[goroutines]] program: unknown program \"mian\""},
    {"goroutines_too_many",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = "
     "[\"gc\"]\n[[goroutines]]\nprogram = \"main\"\ncount = 200000\n",
     "bad.toml:9:9: ", "goroutine count is 200000"},
    {"goroutines_unknown_key",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = "
     "[\"gc\"]\n[[goroutines]]\nprogram = \"main\"\nn = 2\n",
     "bad.toml:9:1: ", "unknown key \"n\" in [[goroutines]]"},
    {"narration_unknown_event",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = "
     "[\"gc\"]\n[[goroutines]]\nprogram = \"main\"\n[[narration]]\nwhen = \"event:gray\"\ncaption = \"c\"\n",
     "bad.toml:10:15: ", "when: unknown event kind \"gray\" (did you mean grey?)"},
    {"narration_unknown_phase",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = "
     "[\"gc\"]\n[[goroutines]]\nprogram = \"main\"\n[[narration]]\nwhen = \"phase:sweep\"\ncaption = \"c\"\n",
     "bad.toml:10:15: ", "when: unknown phase \"sweep\""},
    {"narration_bad_gc_number",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = "
     "[\"gc\"]\n[[goroutines]]\nprogram = \"main\"\n[[narration]]\nwhen = \"gc:0\"\ncaption = \"c\"\n",
     "bad.toml:10:12: ", "when: expected gc:N with N a cycle number from 1, got \"0\""},
    {"narration_unknown_moment",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = "
     "[\"gc\"]\n[[goroutines]]\nprogram = \"main\"\n[[narration]]\nwhen = \"later\"\ncaption = \"c\"\n",
     "bad.toml:10:9: ",
     "when: expected start, tick:N, gc:N, phase:mark|marktermination|off, event:KIND or alloc:TYPE, got "
     "\"later\""},
    {"narration_alloc_unknown_type",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[types]]\nname = \"Node\"\nsize = "
     "16\n[[programs]]\nname "
     "= \"main\"\nops = [\"gc\"]\n[[goroutines]]\nprogram = \"main\"\n[[narration]]\nwhen = "
     "\"alloc:Nod\"\ncaption = \"c\"\n",
     "bad.toml:13:15: ", "when: unknown type \"Nod\" (did you mean Node?); types: Node"},
    {"narration_alloc_without_types",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = "
     "[\"gc\"]\n[[goroutines]]\nprogram = \"main\"\n[[narration]]\nwhen = \"alloc:Node\"\ncaption = \"c\"\n",
     "bad.toml:10:15: ", "when: unknown type \"Node\"; the file declares no [[types]]"},
    {"narration_pause_not_a_boolean",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = "
     "[\"gc\"]\n[[goroutines]]\nprogram = \"main\"\n[[narration]]\nwhen = \"start\"\ncaption = "
     "\"c\"\npause = \"yes\"\n",
     "bad.toml:12:9: ", "[[narration]] pause: expected true or false, got a string"},
    {"narration_missing_caption",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = "
     "[\"gc\"]\n[[goroutines]]\nprogram = \"main\"\n[[narration]]\nwhen = \"start\"\n",
     "bad.toml:9:1: ", "[[narration]] is missing the key caption"},
    {"narration_empty_caption",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[[programs]]\nname = \"main\"\nops = "
     "[\"gc\"]\n[[goroutines]]\nprogram = \"main\"\n[[narration]]\nwhen = \"start\"\ncaption = \"\"\n",
     "bad.toml:11:11: ", "[[narration]] caption: expected one line of text, got an empty string"},
    {"gomemlimit_unknown_suffix",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[settings]\ngomemlimit = \"64MB\"\n", "bad.toml:5:14: ",
     "[settings] gomemlimit: expected \"off\" or a byte size like \"64MiB\" (a non-negative integer with an "
     "optional B, KiB, MiB, GiB or TiB suffix), got \"64MB\""},
    {"gomemlimit_negative", "[scenario]\nname = \"t\"\ndescription = \"d\"\n[settings]\ngomemlimit = -1\n",
     "bad.toml:5:14: ", "[settings] gomemlimit: expected an integer from 0 to 9223372036854775807, got -1"},
    {"gomemlimit_overflows",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[settings]\ngomemlimit = \"8388608TiB\"\n",
     "bad.toml:5:14: ", "[settings] gomemlimit: expected \"off\" or a byte size"},
    {"gomemlimit_float", "[scenario]\nname = \"t\"\ndescription = \"d\"\n[settings]\ngomemlimit = 1.5\n",
     "bad.toml:5:14: ",
     "[settings] gomemlimit: expected \"off\" or a byte size like \"64MiB\" (a "
     "non-negative integer with an optional B, KiB, MiB, GiB or TiB suffix), got a float"},
    {"non_ascii_in_a_bare_value",
     "[scenario]\nname = \"t\"\ndescription = \"d\"\n[settings]\ngogc = 1\xc3\xa9\n",
     "bad.toml:5:9: ", "TOML: Error while parsing decimal integer: expected digit, saw '\xc3\xa9'"},
    {"invalid_utf8", "[scenario]\nname = \"t\"\ndescription = \"d\"\n[settings]\nbarrier = \"a\xff\"\n",
     "bad.toml:5:13: ", "TOML: the file is not valid UTF-8 here"},
    {"non_ascii_key_is_named", "[scenario]\nname = \"t\"\ndescription = \"d\"\n\"\xc3\xa9t\xc3\xa9\" = 1\n",
     "bad.toml:4:1: ", "unknown key \"\xc3\xa9t\xc3\xa9\" in [scenario]"},
};

class ScenarioFileErrors : public ::testing::TestWithParam<BadFile> {};

TEST_P(ScenarioFileErrors, OneLinePointingAtTheMistake) {
    const BadFile& c = GetParam();
    const std::string err = test::parseError(c.text);
    ASSERT_FALSE(err.empty()) << c.name << " parsed without an error";
    EXPECT_EQ(err.find('\n'), std::string::npos) << err;
    EXPECT_EQ(err.rfind(c.where, 0), 0u) << "expected the prefix " << c.where << "\n got: " << err;
    EXPECT_NE(err.find(c.phrase), std::string::npos)
        << "expected the phrase: " << c.phrase << "\n got: " << err;
}

INSTANTIATE_TEST_SUITE_P(BadFiles, ScenarioFileErrors, ::testing::ValuesIn(badFiles),
                         [](const ::testing::TestParamInfo<BadFile>& p) {
                             return std::string(p.param.name);
                         });

TEST(ScenarioFileErrorsTest, ErrorCarriesFileAndPosition) {
    try {
        parseScenarioFile(test::withHeader("[settings]\ngomaxprocs = 999\n"), "dir/x.toml");
        FAIL() << "parsed";
    } catch (const ScenarioError& e) {
        EXPECT_EQ(e.file, "dir/x.toml");
        EXPECT_EQ(e.pos.line, 5u);
        EXPECT_EQ(e.pos.column, 14u);
        EXPECT_EQ(std::string(e.what()), "dir/x.toml:5:14: " + e.message);
    }
}

TEST(ScenarioFileErrorsTest, FirstMistakeInSourceOrderIsReported) {
    // Two unknown keys: the one written first is reported, although toml++ orders keys by name.
    const std::string err = test::parseError(test::withHeader("[settings]\nzzz = 1\naaa = 2\n"));
    EXPECT_EQ(err.rfind("bad.toml:5:1: unknown key \"zzz\"", 0), 0u) << err;
}

TEST(ScenarioFileErrorsTest, UnreadableFileIsOneLine) {
    try {
        loadScenarioFile("/no/such/dir/scenario.toml");
        FAIL() << "loaded";
    } catch (const ScenarioError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("/no/such/dir/scenario.toml:1:1: cannot read the file: ", 0),
                  0u)
            << e.what();
    }
}

TEST(ScenarioFileErrorsTest, LongUserTextIsShortenedAndControlCharactersEscaped) {
    std::string name(200, 'x');
    const std::string err =
        test::parseError(test::withHeader("[settings]\nbarrier = \"" + name + "\\u0001\"\n"));
    EXPECT_EQ(err.find('\n'), std::string::npos);
    EXPECT_NE(err.find("...\""), std::string::npos) << err;
    EXPECT_LT(err.size(), 200u) << err;
}

} // namespace
} // namespace gclab
