"""Strings of the "Try your own picture" page and of the picture pipeline's messages."""

EN = {
    "own.nav": "Try your own picture",
    "own.blurb": "Photograph or upload your own sneaker, bag or shirt and see what your network says.",
    "own.title": "Try your own picture",
    "own.intro": (
        "Hold a piece of clothing to the camera, upload a photo or draw one: it is turned into a 28×28 "
        "image the way Fashion-MNIST's own images were made (trim the background, resize the longest side, "
        "sharpen, pad to a square, negate, grey), and your network classifies it."
    ),
    "own.privacy": (
        "Your pictures stay in this browser tab's memory on the server while you use the page: they are "
        "never saved to disk, never logged and never shown to anyone else."
    ),
    "own.source": "Picture",
    "own.source.camera": "Camera",
    "own.source.upload": "Upload",
    "own.source.draw": "Draw",
    "own.source.test": "A random test image",
    "own.draw.hint": (
        "Draw a piece of clothing with the mouse or a finger: dark lines on white; a filled-in shape "
        "works best."
    ),
    "own.camera": "Take a photo (a light, plain background works best)",
    "own.upload": "Upload a photo (PNG, JPEG, WebP, BMP or GIF; at most 5 MB)",
    "own.test.another": "Another test image",
    "own.test.caption": "Test image #{index} (true class: {name}), as a black-on-white photo",
    "own.waiting": "Take a photo, upload one or draw to see it go through the steps.",
    "own.options": "How the picture is prepared",
    "own.invert": "Negate (dark object on a light background)",
    "own.invert.auto": "Automatic",
    "own.invert.yes": "Negate",
    "own.invert.no": "Keep",
    "own.invert.help": (
        "Fashion-MNIST's objects are light on black. Automatic negates when the picture's border is light."
    ),
    "own.invert.detected": "The border is {kind}, so the picture was {done}.",
    "own.invert.light": "light",
    "own.invert.dark": "dark",
    "own.invert.done_yes": "negated",
    "own.invert.done_no": "kept as it is",
    "own.margin": "Crop margin",
    "own.margin.help": "Space kept around the object when the background is trimmed, as a share of its size.",
    "own.contrast": "Contrast",
    "own.contrast.help": "1 = as it comes; more pushes a grey background towards black.",
    "own.pipeline": "From photo to network input",
    "own.step.original": "Original",
    "own.step.cropped": "Cropped",
    "own.step.grayscale": "Grey",
    "own.step.inverted": "Negated",
    "own.step.resized": "Resized",
    "own.step.sharpened": "Sharpened",
    "own.step.padded": "{side}×{side} input",
    "own.size": "Your picture: {w} × {h} pixels.",
    "own.note.frames": "This picture has several frames (an animation); the first one is used.",
    "own.run": "Network",
    "own.run.help": "A finished run of this tab.",
    "own.result": "What the network says",
    "own.top3": "Top 3",
    "own.top.row": "{rank}. **{name}** — {p:.1%}",
    "own.open_softmax": "Open this image's logits in the softmax explorer",
    "own.nearest": "What it thinks this looks like",
    "own.nearest.caption": "The {k} training images of “{name}” closest to your picture, pixel by pixel.",
    "own.nearest.item": "distance {d:.1f}",
    "own.no_run": (
        "No finished run in this tab yet: a network has to learn before it can look at your picture. "
        "The fast preset trains in a few seconds."
    ),
    "own.train_fast": "Train the fast preset",
    "own.to_trainer": "Go to the trainer",
    "own.data_error": "The training images of this run cannot be shown: {error}",
    # the pipeline's messages (core/pages/own_image.py)
    "own.error.empty": "The file is empty (0 bytes). Choose the picture again.",
    "own.error.too_large": (
        "The file is {mb:.1f} MB; at most {max_mb:.0f} MB are accepted. Take a smaller photo or shrink it."
    ),
    "own.error.not_image": (
        "This file is not a picture this page can read. Use a {kinds} file (an iPhone's HEIC photo: "
        "export it as JPEG first)."
    ),
    "own.error.damaged": (
        "The picture is damaged or cut short and cannot be decoded ({error}). Save or download it again."
    ),
    "own.error.too_small": (
        "The picture is only {w} × {h} pixels; it needs at least {min} × {min}. Use a larger one."
    ),
    "own.error.too_many_pixels": (
        "The picture is {w} × {h} pixels ({mp:.0f} megapixels); at most {max_mp:.0f} megapixels are "
        "accepted. Shrink it first."
    ),
    "own.error.bomb": (
        "The picture claims far more pixels than any photo has; at most {max_mp:.0f} megapixels are "
        "accepted. Shrink it first."
    ),
    "own.error.blank": (
        "The picture is all one colour, so there is nothing to classify. Put an object in front of a "
        "plain background and try again."
    ),
    "own.error.too_much_memory": (
        "Decoding this picture ({w} × {h} pixels) would take {mb:.0f} MB of the server's memory; one picture "
        "may take at most {max_mb:.0f} MB. Save it smaller (2000 pixels on the longest side are plenty) or as "
        "a JPEG, and upload it again."
    ),
    "own.error.busy": "The server is busy preparing other pictures. Try again in a moment.",
    "own.error.too_many_parts": (
        "This file is cut into far more pieces (blocks, comments or scans) than any photo has: it is damaged "
        "or made to slow the server down. Open it and save it again as a PNG or JPEG, then upload it again."
    ),
}

KO = {
    "own.nav": "내 사진으로 해 보기",
    "own.blurb": "내 운동화, 가방, 셔츠를 찍거나 올려서 내가 훈련한 신경망이 무엇이라고 하는지 봅니다.",
    "own.title": "내 사진으로 해 보기",
    "own.intro": (
        "옷을 카메라에 비추거나, 사진을 올리거나, 그려 보세요. Fashion-MNIST의 이미지를 만든 방법 그대로(배경 잘라내기, 긴 변 "
        "크기 맞추기, 선명하게 하기, 정사각형으로 채우기, 반전, 흑백) 28×28 이미지로 바꾼 뒤 신경망이 분류합니다."
    ),
    "own.privacy": (
        "사진은 이 페이지를 쓰는 동안 서버에서 이 브라우저 탭의 메모리에만 있습니다. 디스크에 저장되지 않고, "
        "로그에 남지 않으며, 다른 사람에게 보이지 않습니다."
    ),
    "own.source": "사진",
    "own.source.camera": "카메라",
    "own.source.upload": "올리기",
    "own.source.draw": "그리기",
    "own.source.test": "무작위 테스트 이미지",
    "own.draw.hint": (
        "마우스나 손가락으로 옷을 그려 보세요. 흰 바탕에 어두운 선으로, 모양을 채워 그리면 가장 좋습니다."
    ),
    "own.camera": "사진 찍기 (밝고 단순한 배경이 가장 좋습니다)",
    "own.upload": "사진 올리기 (PNG, JPEG, WebP, BMP, GIF; 5 MB 이하)",
    "own.test.another": "다른 테스트 이미지",
    "own.test.caption": "테스트 이미지 #{index} (정답 클래스: {name}), 흰 바탕에 검은 사진으로",
    "own.waiting": "사진을 찍거나 올리거나 그리면 단계별로 바뀌는 모습을 볼 수 있습니다.",
    "own.options": "사진을 준비하는 방법",
    "own.invert": "반전 (밝은 배경의 어두운 물체)",
    "own.invert.auto": "자동",
    "own.invert.yes": "반전",
    "own.invert.no": "그대로",
    "own.invert.help": "Fashion-MNIST의 물체는 검은 바탕에 밝게 보입니다. 자동은 사진 테두리가 밝으면 반전합니다.",
    "own.invert.detected": "테두리가 {kind} 사진을 {done}.",
    "own.invert.light": "밝아서",
    "own.invert.dark": "어두워서",
    "own.invert.done_yes": "반전했습니다",
    "own.invert.done_no": "그대로 두었습니다",
    "own.margin": "잘라낼 때 남길 여백",
    "own.margin.help": "배경을 잘라낼 때 물체 둘레에 남기는 여백(물체 크기에 대한 비율)입니다.",
    "own.contrast": "대비",
    "own.contrast.help": "1이면 그대로입니다. 높이면 회색 배경이 검은색에 가까워집니다.",
    "own.pipeline": "사진에서 신경망의 입력까지",
    "own.step.original": "원본",
    "own.step.cropped": "잘라낸 사진",
    "own.step.grayscale": "흑백",
    "own.step.inverted": "반전",
    "own.step.resized": "크기 조정",
    "own.step.sharpened": "선명하게",
    "own.step.padded": "{side}×{side} 입력",
    "own.size": "내 사진: {w} × {h} 픽셀.",
    "own.note.frames": "이 사진은 여러 프레임(애니메이션)으로 되어 있어 첫 프레임만 씁니다.",
    "own.run": "신경망",
    "own.run.help": "이 탭에서 끝난 훈련입니다.",
    "own.result": "신경망의 대답",
    "own.top3": "상위 3개",
    "own.top.row": "{rank}. **{name}** — {p:.1%}",
    "own.open_softmax": "이 이미지의 로짓을 소프트맥스 탐색기에서 열기",
    "own.nearest": "신경망이 보기에 닮은 이미지",
    "own.nearest.caption": "내 사진과 픽셀 단위로 가장 가까운 “{name}” 훈련 이미지 {k}장입니다.",
    "own.nearest.item": "거리 {d:.1f}",
    "own.no_run": (
        "이 탭에는 아직 끝난 훈련이 없습니다. 신경망이 먼저 배워야 사진을 볼 수 있습니다. "
        "빠른 설정은 몇 초면 훈련됩니다."
    ),
    "own.train_fast": "빠른 설정으로 훈련하기",
    "own.to_trainer": "훈련 페이지로 가기",
    "own.data_error": "이 훈련의 훈련 이미지를 보여 줄 수 없습니다: {error}",
    "own.error.empty": "파일이 비어 있습니다(0바이트). 사진을 다시 고르세요.",
    "own.error.too_large": "파일이 {mb:.1f} MB입니다. {max_mb:.0f} MB까지만 받습니다. 더 작게 찍거나 줄이세요.",
    "own.error.not_image": (
        "이 페이지가 읽을 수 있는 사진 파일이 아닙니다. {kinds} 파일을 쓰세요(아이폰의 HEIC 사진은 먼저 "
        "JPEG로 내보내세요)."
    ),
    "own.error.damaged": "사진이 손상되었거나 잘려서 읽을 수 없습니다({error}). 다시 저장하거나 내려받으세요.",
    "own.error.too_small": "사진이 {w} × {h} 픽셀뿐입니다. 적어도 {min} × {min} 픽셀이어야 합니다. 더 큰 사진을 쓰세요.",
    "own.error.too_many_pixels": (
        "사진이 {w} × {h} 픽셀({mp:.0f}메가픽셀)입니다. {max_mp:.0f}메가픽셀까지만 받습니다. 먼저 줄이세요."
    ),
    "own.error.bomb": "사진이 어떤 사진보다도 훨씬 많은 픽셀을 주장합니다. {max_mp:.0f}메가픽셀까지만 받습니다. 먼저 줄이세요.",
    "own.error.blank": (
        "사진 전체가 한 가지 색이라 분류할 것이 없습니다. 단순한 배경 앞에 물체를 두고 다시 해 보세요."
    ),
    "own.error.too_much_memory": (
        "이 사진({w} × {h} 픽셀)을 읽으려면 서버 메모리가 {mb:.0f} MB 필요합니다. 사진 한 장에 {max_mb:.0f} MB까지만 "
        "쓸 수 있습니다. 더 작게(긴 변 2000픽셀이면 충분합니다) 또는 JPEG로 저장해서 다시 올리세요."
    ),
    "own.error.busy": "서버가 다른 사진들을 준비하느라 바쁩니다. 잠시 뒤에 다시 해 보세요.",
    "own.error.too_many_parts": (
        "이 파일은 어떤 사진보다도 훨씬 많은 조각(블록, 주석, 스캔)으로 나뉘어 있습니다. 손상되었거나 서버를 느리게 "
        "하려고 만든 파일입니다. 열어서 PNG나 JPEG로 다시 저장한 뒤 올리세요."
    ),
}
